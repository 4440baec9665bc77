import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { login, MANAGER } from './helpers.ts';

/*
 * A project manager's RAID work, in French: open the "Risques" tab of one of their projects,
 * switch to the issues log, record an issue, add an action to it due yesterday, and find the
 * action flagged overdue on "Mes actions"; then open the change requests with their analysis.
 */
test('le chef de projet consigne un problème, lui ajoute une action et la retrouve dans Mes actions', async ({
  page,
}) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const title = `Serveur de recette indisponible e2e ${suffix}`;
  const action = `Relancer l’hébergeur e2e ${suffix}`;

  await test.step('ouvrir le journal des problèmes d’un de ses projets', async () => {
    await login(page, MANAGER);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Projets' })
      .click();
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('tab', { name: 'Risques', exact: true }).click();
    await page.getByText('Problèmes', { exact: true }).click();
    await expect(page).toHaveURL(/\/risks\?vue=issues$/);
    await expect(page.getByRole('button', { name: 'Nouveau problème' })).toBeVisible();
  });

  await test.step('consigner le problème', async () => {
    await page.getByRole('button', { name: 'Nouveau problème' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau problème' });
    await dialog.getByRole('textbox', { name: 'Intitulé' }).fill(title);
    await dialog.getByRole('textbox', { name: "Ce qui s'est passé" }).fill('Panne du socle');
    await dialog.getByRole('textbox', { name: 'Impact' }).fill('Deux jours de recette perdus');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: title })).toBeVisible();
  });

  await test.step('lui ajouter une action en retard dont il est responsable', async () => {
    await page.getByRole('button', { name: title }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Nouvelle action' }).fill(action);
    await dialog.getByRole('combobox', { name: 'Responsable' }).last().fill('Thomas');
    await page
      .getByRole('option', { name: /Thomas Bernard/ })
      .first()
      .click();
    const yesterday = new Date(Date.now() - 86_400_000);
    const dd = String(yesterday.getUTCDate()).padStart(2, '0');
    const mm = String(yesterday.getUTCMonth() + 1).padStart(2, '0');
    await dialog
      .getByRole('textbox', { name: 'Échéance' })
      .last()
      .fill(`${dd}/${mm}/${yesterday.getUTCFullYear()}`);
    await dialog.getByRole('button', { name: "Ajouter l'action" }).click();
    await expect(dialog.getByRole('cell', { name: action, exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
  });

  await test.step('la retrouver en retard dans Mes actions', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mes actions' })
      .click();
    const row = page.getByRole('row', { name: new RegExp(action) });
    await expect(row).toBeVisible();
    await expect(row.getByText('En retard')).toBeVisible();
  });

  await test.step('la page est accessible', async () => {
    const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
    expect(
      results.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious'),
    ).toEqual([]);
  });
});
