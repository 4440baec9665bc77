import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { login, MANAGER } from './helpers.ts';

/*
 * A project manager's RAID escalation and schedule-risk link, in French: record a risk and name
 * the task it would delay, find it as a register event of the « Risque planning » page; record
 * an issue, escalate it to the programme with a reason, and find it on the programme's RAID page
 * (« Problèmes », escalated ones by default).
 */
test('le chef de projet relie un risque au planning et remonte un problème au programme', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const suffix = Math.random().toString(36).slice(2, 7);
  const risk = `Retard de livraison des licences e2e ${suffix}`;
  const issue = `Environnement de recette saturé e2e ${suffix}`;

  await test.step('ouvrir le registre d’un de ses projets de programme', async () => {
    await login(page, MANAGER);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Projets' })
      .click();
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('tab', { name: 'Risques', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Nouveau risque' })).toBeVisible();
  });

  await test.step('enregistrer un risque et nommer la tâche qu’il retarderait', async () => {
    await page.getByRole('button', { name: 'Nouveau risque' }).click();
    const created = page.getByRole('dialog', { name: 'Nouveau risque' });
    await created.getByRole('textbox', { name: 'Intitulé' }).fill(risk);
    await created.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(created).toBeHidden();
    await page.getByRole('button', { name: risk }).click();
    const dialog = page.getByRole('dialog').first();
    await expect(dialog.getByText('Impact planning sur les tâches')).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Tâche retardée' }).click();
    await page.getByRole('option').first().click();
    await dialog.getByRole('textbox', { name: 'Retard (jours ouvrés)' }).fill('8');
    await dialog.getByRole('button', { name: 'Ajouter la tâche' }).click();
    await dialog.getByRole('button', { name: 'Enregistrer les impacts' }).click();
    await expect(dialog.getByText('Pris en compte dans la simulation')).toBeVisible();
    await page.keyboard.press('Escape');
  });

  await test.step('le retrouver comme événement du registre dans le risque planning', async () => {
    await page.getByRole('tab', { name: 'Risque planning' }).click();
    await page.getByRole('tab', { name: /Événements de risque/ }).click();
    const row = page.getByRole('row', { name: new RegExp(risk) });
    await expect(row).toBeVisible();
    await expect(row.getByText('Registre', { exact: true })).toBeVisible();
    await expect(row.getByText('Modifiable dans le registre')).toBeVisible();
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa'])
      .setLegacyMode(true)
      .analyze();
    expect(axe.violations).toEqual([]);
  });

  await test.step('consigner un problème et le remonter au programme', async () => {
    await page.getByRole('tab', { name: 'Registre RAID' }).click();
    await page.getByText('Problèmes', { exact: true }).click();
    await page.getByRole('button', { name: 'Nouveau problème' }).click();
    const created = page.getByRole('dialog', { name: 'Nouveau problème' });
    await created.getByRole('textbox', { name: 'Intitulé' }).fill(issue);
    await created.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(created).toBeHidden();
    await page.getByRole('button', { name: issue }).click();
    await page.getByRole('dialog').first().getByRole('button', { name: 'Remonter…' }).click();
    const escalate = page.getByRole('dialog', { name: /Remonter le problème/ });
    await expect(escalate.getByRole('combobox', { name: 'Remonter au' })).toHaveValue(
      'Programme du projet',
    );
    await escalate
      .getByRole('textbox', { name: 'Motif de la remontée' })
      .fill('Arbitrage de capacité entre les projets du programme');
    await escalate.getByRole('button', { name: 'Remonter', exact: true }).click();
    await expect(escalate).toBeHidden();
    await expect(page.getByText(/Remonté au programme .* : Arbitrage de capacité/)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(
      page.getByRole('row', { name: new RegExp(issue) }).getByText('Remonté au programme'),
    ).toBeVisible();
  });

  await test.step('le retrouver dans les problèmes du RAID du programme', async () => {
    // The view switch's radios are visually hidden: click the shown label.
    await page
      .locator('label')
      .filter({ hasText: /^Risques$/, visible: true })
      .first()
      .click();
    await page.getByRole('link', { name: /RAID du programme/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /RAID du programme/ })).toBeVisible();
    await page.getByText('Problèmes', { exact: true }).click();
    await expect(page.getByText('Remontés au programme', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: issue })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Exporter' })).toBeVisible();
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa'])
      .setLegacyMode(true)
      .analyze();
    expect(axe.violations).toEqual([]);
  });
});
