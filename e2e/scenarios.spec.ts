import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { login, PMO } from './helpers.ts';

/*
 * Scoring, in French: the PMO opens the arbitration committee's ranking, reads why the mobile
 * ordering app divides the evaluators, builds a new scoring model with two criteria and scores
 * a request in evaluation with it, which then tops that model's ranking.
 */

async function expectNoSeriousAxe(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

test('le PMO lit le classement expliqué, crée une grille et note une demande', async ({ page }) => {
  test.setTimeout(180_000);
  const name = `Grille express ${Math.random().toString(36).slice(2, 7)}`;

  await test.step('le classement du comité d’arbitrage, expliqué', async () => {
    await login(page, PMO);
    await page.goto('/strategy/scoring');
    // The strategy chunk can take a while on a loaded machine.
    await expect(
      page.getByRole('tab', { name: 'Notation des demandes et projets' }),
    ).toHaveAttribute('aria-selected', 'true', { timeout: 60_000 });
    await expect(page.getByRole('combobox', { name: 'Grille de notation' })).toHaveValue(
      'Grille du comité d’arbitrage 2027',
    );
    const table = page.getByRole('table').first();
    const mobile = table.getByRole('row', { name: /Application mobile/ });
    await expect(mobile.getByText('Désaccord')).toBeVisible();
    await mobile.getByRole('button', { name: /Expliquer la note de DEM-/ }).click();
    const explanation = page.getByRole('table', { name: /Détail de la note de DEM-/ });
    await expect(explanation.getByRole('row', { name: /Alignement stratégique/ })).toBeVisible();
    await expect(explanation.getByRole('columnheader', { name: 'Nicolas Durand' })).toBeVisible();
    await expectNoSeriousAxe(page, 'le classement expliqué');
  });

  await test.step('le PMO crée une grille à deux critères', async () => {
    await page.getByRole('button', { name: 'Nouvelle grille' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle grille' });
    await dialog.getByRole('textbox', { name: 'Nom de la grille' }).fill(name);
    await dialog.getByRole('textbox', { name: 'Libellé du critère' }).fill('Valeur métier');
    await dialog.getByRole('button', { name: 'Ajouter un critère' }).click();
    await dialog.getByRole('textbox', { name: 'Libellé du critère' }).nth(1).fill('Risque');
    await dialog.getByLabel('Sens', { exact: true }).nth(1).click();
    await page.getByRole('option', { name: /moins bien/ }).click();
    await expectNoSeriousAxe(page, 'l’éditeur de grille');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('combobox', { name: 'Grille de notation' })).toHaveValue(name);
  });

  await test.step('il note une demande en évaluation, qui passe en tête', async () => {
    const row = page
      .getByRole('table')
      .first()
      .getByRole('row', { name: /DEM-\d+ Bilan carbone/ });
    await row.getByRole('button', { name: 'Noter' }).click();
    const sheet = page.getByRole('dialog', { name: /Ma notation — DEM-/ });
    await sheet
      .getByRole('radiogroup', { name: /Valeur métier/ })
      .getByRole('radio', { name: '3 — Fort' })
      .check();
    await sheet
      .getByRole('radiogroup', { name: /Risque/ })
      .getByRole('radio', { name: '0 — Nul' })
      .check();
    await sheet.getByRole('button', { name: 'Enregistrer ma notation' }).click();
    await expect(sheet).toBeHidden();
    const top = page.getByRole('table').first().getByRole('row').nth(1);
    await expect(top).toContainText('Bilan carbone');
    await expect(top).toContainText('100');
    await expect(top.getByRole('button', { name: 'Modifier ma note' })).toBeVisible();
  });
});
