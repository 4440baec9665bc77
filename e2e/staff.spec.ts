import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiSession, PMO, signIn } from './helpers.ts';

/**
 * Puts back the demo's leveling conflict if a previous run resolved it: applying the leveling
 * gives each task it moves a « start no earlier than » constraint, and the demo sets none on the
 * two data projects, so removing those constraints brings their tasks back to their dates.
 */
async function undoPreviousLeveling(api: APIRequestContext) {
  for (const code of ['PRJ-2026-004', 'PRJ-2026-004-B']) {
    const found = (await (await api.get('/api/v1/projects', { params: { q: code } })).json()) as {
      items: { id: string; code: string }[];
    };
    const project = found.items.find((p) => p.code === code);
    expect(project, code).toBeTruthy();
    const plan = (await (await api.get(`/api/v1/projects/${project!.id}/plan`)).json()) as {
      tasks: { id: string; version: number; constraint: { type: string } | null }[];
    };
    for (const task of plan.tasks.filter((t) => t.constraint?.type === 'SNET')) {
      const res = await api.patch(`/api/v1/projects/${project!.id}/plan/tasks/${task.id}`, {
        headers: { 'If-Match': `"${task.version}"` },
        data: { constraint: null },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
  }
}

/*
 * The PMO levels a portfolio by priority, in French: Ressources › Simulation, pick the
 * portfolio, read the preview (person-days and hours over capacity before and after, each
 * move with what it gains and why), apply it; then a what-if
 * by priority (one project made critical) compared before and after.
 *
 * It runs in the config's `shared-demo` project: the leveling reads the load every resource
 * journey changes, and applying it moves demo tasks. A previous run's leveling is undone first.
 */
test('le PMO lisse un portefeuille par priorité puis simule un changement de priorité', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const api = await apiSession(baseURL!, PMO);
  await undoPreviousLeveling(api);
  await api.dispose();

  await test.step('ouvrir la simulation et l’aperçu du lissage du portefeuille', async () => {
    await signIn(page, PMO);
    await page.goto('/resources/whatif');
    await expect(page.getByRole('tab', { name: 'Simulation', selected: true })).toBeVisible({
      timeout: 90_000,
    });
    await page.getByRole('combobox', { name: 'Portefeuille' }).click();
    await page.getByRole('option', { name: /^PTF-NUM/ }).click();
    await expect(page.getByText(/^Heures en surcharge : .+ h avant, .+ h après\./)).toBeVisible({
      timeout: 90_000,
    });
    await expect(page.getByText('Jours-personne en surcharge avant')).toBeVisible();
  });

  await test.step('appliquer le lissage : chaque décalage dit ce qu’il gagne', async () => {
    // The demo's conflict that leveling resolves: the DSI engineer on the performance tests of
    // two data projects at once (PRJ-2026-004, high, and PRJ-2026-004-B, medium, with float);
    // the others (loads outside the portfolio, approved leave) are not reduced by moving tasks.
    const moves = page.getByRole('table', { name: 'Tâches décalées par le lissage' });
    await expect(moves).toBeVisible();
    await expect(moves.getByText('Tests de performance').first()).toBeVisible();
    await expect(moves.getByRole('columnheader', { name: 'Gain' })).toBeVisible();
    await expect(
      moves.getByText(/^−\d+ jours?-personne, −.+ h de surcharge$/).first(),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Appliquer le lissage' }).click();
    await expect(page.getByText(/tâches? contraintes? dans \d+ projet/)).toBeVisible({
      timeout: 90_000,
    });
  });

  await test.step('et si un projet devenait critique ?', async () => {
    const priority = page.getByRole('combobox', { name: /^Priorité de / }).first();
    await priority.click();
    await page.getByRole('option', { name: 'Critique' }).click();
    await page.getByRole('button', { name: 'Simuler' }).click();
    await expect(page.getByText('Résultat de la simulation')).toBeVisible({ timeout: 90_000 });
    await expect(page.getByText("Plan de charge simulé (écart avec l'actuel)")).toBeVisible();
    await expect(page.getByText('Cases en surcharge après')).toBeVisible();
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
