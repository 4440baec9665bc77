import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MANAGER, PMO, signIn } from './helpers.ts';

/*
 * The monthly "météo": the project manager writes and submits the status report of the month
 * that just ended for one of his projects, the PMO reviews and approves it.
 */

async function noSeriousAxeViolation(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

async function openWeatherOf(page: Page, code: string) {
  const res = await page.request.get(`/api/v1/projects?q=${code}`);
  const project = (await res.json()).items.find((p: { code: string }) => p.code === code);
  await page.goto(`/projects/${project.id}/weather`);
  await expect(page.getByRole('tab', { name: 'Météo', selected: true })).toBeVisible();
}

test('le chef de projet rédige et soumet la météo mensuelle, le PMO la valide', async ({
  page,
}) => {
  // Two people, two sign-ins and an axe run each: longer than the default on a loaded machine.
  test.setTimeout(180_000);
  await test.step('Thomas ouvre l’onglet Météo de son projet Lean', async () => {
    await signIn(page, MANAGER);
    await openWeatherOf(page, 'PRJ-2026-015');
    // On a fresh demo the month's report is still to write (when re-run against the same
    // server, the draft of the previous run is there instead).
    await expect(
      page
        .getByText(/^Rapport attendu :/)
        .or(page.getByRole('button', { name: 'Soumettre au PMO' })),
    ).toBeVisible();
  });

  await test.step('il rédige la météo de la période', async () => {
    const start = page.getByRole('button', { name: /^Rédiger la météo/ });
    if (await start.isVisible()) await start.click();
    await expect(page.getByText(/^Brouillon · rédigé par Thomas Bernard/)).toBeVisible();
    await page.getByRole('radiogroup', { name: 'Météo générale' }).getByText('Pluie').click();
    await page.getByRole('radiogroup', { name: 'Délais' }).getByText('Orage').click();
    await page
      .getByRole('textbox', { name: 'Réalisations de la période' })
      .fill('Recette du lot 1 terminée ; 12 anomalies corrigées.');
    await page
      .getByRole('textbox', { name: 'Décisions et aides attendues' })
      .fill('Valider le décalage de la mise en production au 15 janvier.');
    await noSeriousAxeViolation(page, 'the weather editor');
    await page.getByRole('button', { name: 'Soumettre au PMO' }).click();
    // The confirmation toast is transient; the report's own status line is what lasts.
    await expect(page.getByText(/Soumis au PMO · rédigé par Thomas Bernard/)).toBeVisible();
    // The snapshot of the plan's figures is frozen with the submission.
    await expect(page.getByText(/Indicateurs figés à la soumission/)).toBeVisible();
  });

  await test.step('Claire (PMO) la relit et la valide', async () => {
    await page.context().clearCookies();
    await signIn(page, PMO);
    await openWeatherOf(page, 'PRJ-2026-015');
    await expect(
      page.getByText('Valider le décalage de la mise en production au 15 janvier.'),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Revue PMO' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Commentaire' }).fill('Décalage à présenter au COPIL.');
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect(page.getByText(/Validé par Claire Martin/)).toBeVisible();
  });

  await test.step('la météo du portefeuille la montre, avec la tendance', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Météo et KPI' })
      .click();
    await page.getByRole('combobox', { name: 'Portefeuille' }).click();
    await page.getByRole('option', { name: 'Excellence opérationnelle' }).click();
    const row = page.getByRole('row', { name: /PRJ-2026-015/ });
    await expect(row.getByText('Pluie')).toBeVisible();
    await expect(row.getByText('Validé')).toBeVisible();
    await noSeriousAxeViolation(page, 'the portfolio status page');
  });
});
