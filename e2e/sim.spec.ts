import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { login, MANAGER } from './helpers.ts';

/*
 * A project manager's schedule-risk work, in French: open the "Risque planning" tab of one of
 * their projects, give a task a three-point estimate, run the Monte Carlo simulation with a
 * seed, follow it to its results (P50/P80/P90 finish, distribution and S-curve, tornado,
 * criticality), read the S-curve as a table, and check the page is accessible.
 */
test('le chef de projet estime une tâche, lance la simulation et lit les dates P80', async ({
  page,
}) => {
  test.setTimeout(120_000);

  await test.step('ouvrir le risque planning d’un de ses projets', async () => {
    await login(page, MANAGER);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Projets' })
      .click();
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('tab', { name: 'Risques', exact: true }).click();
    await page.getByRole('tab', { name: 'Risque planning' }).click();
    await expect(
      page.getByRole('heading', { name: 'Analyse de risque planning et coûts (Monte Carlo)' }),
    ).toBeVisible();
  });

  await test.step('donner une estimation à trois points à une tâche', async () => {
    await page
      .getByRole('button', { name: /^Estimer « / })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Pessimiste' }).fill('60');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('cell', { name: '60 j' }).first()).toBeVisible();
  });

  await test.step('lancer la simulation et suivre son avancement jusqu’aux résultats', async () => {
    await page.getByRole('textbox', { name: 'Graine' }).fill('e2e');
    await page.getByRole('textbox', { name: 'Itérations' }).fill('2000');
    await page.getByRole('button', { name: 'Lancer la simulation' }).click();
    await expect(
      page.getByRole('heading', { name: /^Résultats de la simulation n° \d+$/ }),
    ).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByText(/2\s000 itérations · graine e2e/)).toBeVisible();
    await expect(page.getByText('P80', { exact: true }).first()).toBeVisible();
    await expect(
      page.getByRole('img', { name: /Distribution de la durée du projet/ }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Indice de criticité' })).toBeVisible();
  });

  await test.step('lire la courbe en S sous forme de tableau', async () => {
    await page
      .getByRole('radiogroup', { name: /Affichage : Distribution de la durée/ })
      .getByText('Tableau')
      .click();
    const table = page.getByRole('table', { name: /Courbe en S/ });
    await expect(table).toBeVisible();
    await expect(table.getByRole('cell', { name: '80 %' })).toBeVisible();
  });

  await test.step('la page est accessible', async () => {
    const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
    expect(
      results.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious'),
    ).toEqual([]);
  });
});
