import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { apiSession, createProject, MANAGER, PMO, signIn, uniqueCode } from './helpers.ts';

/*
 * The monthly "météo": the project manager writes and submits the status report of the month
 * that just ended for one of his projects, the PMO reviews and approves it.
 *
 * The project is this run's own (created through the API, like the demo's Lean project: active,
 * run by Thomas Bernard, in « Excellence opérationnelle »): a report approved is never to write
 * again, so a demo project would serve one run only, and the other journeys read the demo's
 * weather.
 */

async function noSeriousAxeViolation(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

async function openWeatherOf(page: Page, projectId: string) {
  await page.goto(`/projects/${projectId}/weather`);
  await expect(page.getByRole('tab', { name: 'Météo', selected: true })).toBeVisible();
}

test('le chef de projet rédige et soumet la météo mensuelle, le PMO la valide', async ({
  page,
  baseURL,
}) => {
  // Two people, two sign-ins and an axe run each: longer than the default on a loaded machine.
  test.setTimeout(180_000);
  const code = uniqueCode('PRJ-LEAN');
  const pmo = await apiSession(baseURL!, PMO);
  const projectId = await createProject(pmo, {
    code,
    name: `Déploiement Lean en magasin ${code}`,
    portfolio: 'Excellence opérationnelle',
    manager: MANAGER,
  });
  await pmo.dispose();

  await test.step('Thomas ouvre l’onglet Météo de son projet Lean', async () => {
    await signIn(page, MANAGER);
    await openWeatherOf(page, projectId);
    // The month's report is still to write.
    await expect(page.getByText(/^Rapport attendu :/)).toBeVisible();
  });

  await test.step('il rédige la météo de la période', async () => {
    await page.getByRole('button', { name: /^Rédiger la météo/ }).click();
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
    await openWeatherOf(page, projectId);
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
    const row = page.getByRole('row', { name: new RegExp(code) });
    await expect(row.getByText('Pluie')).toBeVisible();
    await expect(row.getByText('Validé')).toBeVisible();
    await noSeriousAxeViolation(page, 'the portfolio status page');
  });
});
