import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { apiSession, login, PMO } from './helpers.ts';

/*
 * The resource manager's everyday loop, in French: open the capacity plan, find an
 * over-allocation, drill into the projects causing it, and confirm a proposed allocation.
 */
test('le responsable des ressources ouvre le plan de charge, explore une surcharge et confirme une affectation', async ({
  page,
  baseURL,
}) => {
  // The capacity plan and its drawer make a large page for axe on a loaded machine.
  test.setTimeout(240_000);
  // The demo's resource manager, found through the API as the PMO sees the accounts.
  const pmo = await apiSession(baseURL!, PMO);
  const users = (await (await pmo.get('/api/v1/users?limit=200')).json()) as {
    items: { email: string; role: string }[];
  };
  const rm = users.items.find((u) => u.role === 'resource_manager');
  expect(rm, 'a demo resource manager').toBeTruthy();
  await pmo.dispose();

  await test.step('connexion et plan de charge', async () => {
    await login(page, rm!.email);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Ressources' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ressources' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Plan de charge', selected: true })).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Plan de charge : capacité et charge' }),
    ).toBeVisible();
  });

  await test.step('ne garder que les surcharges', async () => {
    await page.getByRole('switch', { name: 'Seulement les surcharges' }).check({ force: true });
    await expect(page.locator('td:is(.heatmap-over, .heatmap-someover)').first()).toBeVisible();
  });

  await test.step('explorer une surcharge jusqu’aux projets qui la causent', async () => {
    // The first over-allocated cell that holds a proposed allocation to confirm.
    const cells = page.locator('td:is(.heatmap-over, .heatmap-someover) button');
    const count = await cells.count();
    let found = false;
    for (let i = 0; i < Math.min(count, 30) && !found; i++) {
      await cells.nth(i).click();
      const drawer = page.getByRole('dialog');
      await expect(drawer.getByText(/en surcharge/).first()).toBeVisible();
      await expect(drawer.getByRole('columnheader', { name: 'Projet' })).toBeVisible();
      if ((await drawer.getByRole('button', { name: /^Confirmer l’affectation de/ }).count()) > 0) {
        found = true;
        break;
      }
      await page.keyboard.press('Escape');
      await expect(drawer).toBeHidden();
    }
    expect(found, 'an over-allocation with a proposed allocation').toBe(true);
  });

  await test.step('confirmer une affectation proposée', async () => {
    const drawer = page.getByRole('dialog');
    const button = drawer.getByRole('button', { name: /^Confirmer l’affectation de/ }).first();
    const label = (await button.getAttribute('aria-label'))!;
    await button.click();
    await expect(page.getByText(/Affectation de .+ confirmée\./)).toBeVisible();
    await expect(drawer.getByRole('button', { name: label })).toHaveCount(0);
  });

  await test.step('accessibilité (axe)', async () => {
    const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
      );
    expect(serious).toEqual([]);
  });
});
