import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { login, MANAGER } from './helpers.ts';

/*
 * A project manager's register work, in French: open the "Risques" tab of one of their
 * projects, record a risk with an owner, add a response action to it, escalate it to the
 * programme with a reason, and find it on the programme's RAID page; the trend shows as a table.
 */
test('le chef de projet enregistre un risque, lui ajoute une action et le remonte au programme', async ({
  page,
}) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const title = `Indisponibilité des key users e2e ${suffix}`;

  await test.step('ouvrir le registre des risques d’un projet de programme', async () => {
    await login(page, MANAGER);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Projets' })
      .click();
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('tab', { name: 'Risques', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Nouveau risque' })).toBeVisible();
    await expect(page.getByText('Évolution du registre sur 12 mois')).toBeVisible();
  });

  await test.step('enregistrer le risque avec son propriétaire', async () => {
    await page.getByRole('button', { name: 'Nouveau risque' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau risque' });
    await dialog.getByRole('textbox', { name: 'Intitulé' }).fill(title);
    await dialog.getByRole('combobox', { name: 'Propriétaire' }).fill('Thomas');
    await page
      .getByRole('option', { name: /Thomas Bernard/ })
      .first()
      .click();
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: title })).toBeVisible();
  });

  await test.step('lui ajouter une action de réponse puis le remonter au programme', async () => {
    await page.getByRole('button', { name: title }).click();
    const dialog = page.getByRole('dialog').first();
    await dialog
      .getByRole('textbox', { name: 'Nouvelle action' })
      .fill(`Former les suppléants ${suffix}`);
    await dialog.getByRole('button', { name: "Ajouter l'action" }).click();
    await expect(
      dialog.getByRole('cell', { name: `Former les suppléants ${suffix}`, exact: true }),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Remonter…' }).click();
    const escalate = page.getByRole('dialog', { name: /Remonter le risque/ });
    await escalate
      .getByRole('textbox', { name: 'Motif de la remontée' })
      .fill('Les mêmes key users sont attendus sur le projet voisin');
    await escalate.getByRole('button', { name: 'Remonter' }).click();
    await expect(escalate).toBeHidden();
  });

  await test.step('le retrouver sur la page RAID du programme', async () => {
    await page.getByRole('link', { name: /RAID du programme/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /RAID du programme/ })).toBeVisible();
    await expect(page.getByRole('button', { name: title })).toBeVisible();
    await page.getByText('Tableau', { exact: true }).click();
    await expect(page.getByRole('columnheader', { name: 'Fin de mois' })).toBeVisible();
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa'])
      .setLegacyMode(true)
      .analyze();
    expect(axe.violations).toEqual([]);
  });
});
