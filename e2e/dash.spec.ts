import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { login, PMO } from './helpers.ts';

/*
 * The PMO's monthly look at the portfolio: the dashboard of one portfolio (freshness, weather
 * mix as a table, its CSV), the executive one-pager for the direction, then one project's
 * dashboard from the projects to watch.
 */

async function noSeriousAxeViolation(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

test('the PMO reads the portfolio dashboard, prints the one-pager and opens a project', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await login(page, PMO);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Tableaux de bord' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Tableau de bord du portefeuille' }),
  ).toBeVisible();
  // The demo computed the snapshots: the page says when.
  await expect(page.getByText(/^Indicateurs au \d\d\/\d\d\/\d{4}, calculés le/)).toBeVisible({
    timeout: 90_000,
  });

  await page.getByRole('combobox', { name: 'Portefeuille' }).click();
  await page.getByRole('option', { name: 'Transformation numérique' }).click();
  await expect(page).toHaveURL(/portfolioId=/);
  await expect(page.getByRole('status', { name: 'Chargement…' })).toHaveCount(0, {
    timeout: 90_000,
  });

  const weather = page.getByRole('region', { name: 'Météo des projets' });
  await weather.getByText('Tableau', { exact: true }).click();
  await expect(weather.getByRole('columnheader', { name: 'Météo' })).toBeVisible();
  await expect(weather.getByRole('cell', { name: 'Soleil' })).toBeVisible();
  const download = page.waitForEvent('download');
  await weather.getByRole('button', { name: 'Exporter « Météo des projets » en CSV' }).click();
  expect((await download).suggestedFilename()).toBe('meteo-projets.csv');

  // KPI trends of the chosen portfolio (the demo computed six month-ends).
  await expect(page.getByRole('img', { name: /^Tendance de / }).first()).toBeVisible({
    timeout: 60_000,
  });
  await noSeriousAxeViolation(page, 'the portfolio dashboard');

  await page.getByRole('link', { name: 'Synthèse direction' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Synthèse direction — Transformation numérique' }),
  ).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Imprimer' })).toBeVisible();
  // The one-pager carries the benefits (planned, to date, realised) and the value × risk chart.
  const benefits = page.getByRole('region', { name: 'Bénéfices : prévus et réalisés' });
  await expect(benefits).toBeVisible();
  await benefits.getByText('Tableau', { exact: true }).click();
  await expect(benefits.getByRole('columnheader', { name: 'Bénéfices' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Valeur × risque' }).getByRole('img'),
  ).toBeVisible();
  await noSeriousAxeViolation(page, 'the executive one-pager');

  const watch = page.getByRole('region', { name: 'Projets à surveiller et décisions attendues' });
  const first = watch.getByRole('link').first();
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole('tab', { name: 'Tableau de bord', selected: true })).toBeVisible();
  await expect(
    page.getByRole('heading', { name: /^Jalons \(\d+ atteints sur \d+\)$/ }),
  ).toBeVisible({
    timeout: 90_000,
  });
  await expect(page.getByRole('heading', { name: 'Principales menaces' })).toBeVisible();
  expect(name.length).toBeGreaterThan(0);
  await noSeriousAxeViolation(page, 'the project dashboard');
});
