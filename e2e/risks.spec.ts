import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { login, MANAGER } from './helpers.ts';

/*
 * A project manager's everyday risk work, in French: open one of their projects, record a risk
 * (cause → event → effect, probability, impacts), see it counted in the heat map, click the
 * cell to list it.
 */
test('le chef de projet enregistre un risque et le voit sur la carte de chaleur', async ({
  page,
}) => {
  const title = `Retard de livraison du fournisseur e2e ${Math.random().toString(36).slice(2, 7)}`;

  await test.step('ouvrir l’onglet Risques d’un de ses projets', async () => {
    await login(page, MANAGER);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Projets' })
      .click();
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('tab', { name: 'Risques', exact: true }).click();
    await expect(page).toHaveURL(/\/risks$/);
    await expect(page.getByRole('table').first()).toBeVisible();
  });

  await test.step('enregistrer le risque', async () => {
    await page.getByRole('button', { name: 'Nouveau risque' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau risque' });
    await dialog.getByRole('textbox', { name: 'Intitulé' }).fill(title);
    await dialog.getByRole('textbox', { name: 'Cause' }).fill('Paramétrage sous-estimé');
    await dialog.getByRole('textbox', { name: 'Événement' }).fill('Lot 2 livré en retard');
    await dialog.getByRole('textbox', { name: 'Conséquence' }).fill('La recette glisse');
    await dialog.getByRole('combobox', { name: 'Probabilité', exact: true }).click();
    await page.getByRole('option', { name: /^5\. Très probable/ }).click();
    await dialog.getByRole('combobox', { name: 'Délai' }).click();
    await page.getByRole('option', { name: '5. Critique' }).click();
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(title)).toBeVisible();
  });

  await test.step('le voir dans la case 5 × 5 de la carte, et la cliquer', async () => {
    const cell = page.getByRole('button', { name: /probabilité 5, impact 5, criticité Critique/ });
    await expect(cell).toHaveText(/[1-9]/);
    await cell.click();
    await expect(page.getByText('Risques de la case probabilité 5 × impact 5')).toBeVisible();
    await expect(page.getByText(title)).toBeVisible();
  });

  await test.step('la page est accessible', async () => {
    const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
    expect(
      results.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious'),
    ).toEqual([]);
  });
});
