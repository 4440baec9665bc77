import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PMO, signIn } from './helpers.ts';

/*
 * The monthly steering committee: the PMO generates the COPIL pack of the "Transformation
 * numérique" portfolio as PDF from the executive committee's template, follows the job and
 * downloads the file; the scheduled reports of the demo are listed.
 */

async function noSeriousAxeViolation(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

test('le PMO génère le pack COPIL du portefeuille en PDF et le télécharge', async ({ page }) => {
  test.setTimeout(180_000);
  await test.step('Claire ouvre les packs COPIL', async () => {
    await signIn(page, PMO);
    await page.goto('/reporting/copil');
    await expect(page.getByRole('heading', { name: 'Packs COPIL', level: 1 })).toBeVisible();
  });

  await test.step('elle choisit le portefeuille, le format et le modèle du comité exécutif', async () => {
    await page.getByRole('combobox', { name: 'Portefeuille' }).click();
    await page.getByRole('option', { name: 'Transformation numérique' }).click();
    await page.getByRole('combobox', { name: 'Modèle' }).click();
    await page.getByRole('option', { name: 'COPIL mensuel — Comité exécutif' }).click();
    await noSeriousAxeViolation(page, 'the pack form');
    await page.getByRole('button', { name: 'Générer le pack' }).click();
  });

  await test.step('le pack est généré puis téléchargé', async () => {
    const row = page.getByRole('row').filter({ hasText: 'Transformation numérique' }).first();
    await expect(row.getByText('Prêt')).toBeVisible({ timeout: 90_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: /Télécharger/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^COPIL_.+_\d{4}-\d{2}-\d{2}\.pdf$/);
  });

  await test.step('les envois programmés de la démo sont listés', async () => {
    await page.getByRole('tab', { name: 'Envois programmés' }).click();
    await expect(page.getByText('comex@groupe-exemple.fr')).toBeVisible();
    await expect(page.getByText('Journal des envois')).toBeVisible();
    await noSeriousAxeViolation(page, 'the scheduled reports');
  });
});
