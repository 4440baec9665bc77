import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, test } from '@playwright/test';
import { apiSession, findProject, PMO, signIn, uniqueCode } from './helpers.ts';

/*
 * The PMO's method work, in French: create a method in the structured editor (two phases, a
 * required deliverable, a gate with a criterion), publish its version 2 (the changes are listed
 * first), read the governance charter and acknowledge it, then record a lesson learned on a
 * closed project and find it in the portfolio-wide REX search.
 */
test.setTimeout(300_000);
// The machine is shared and loaded: give each step room.
test.use({ actionTimeout: 60_000, navigationTimeout: 60_000 });
const expect = baseExpect.configure({ timeout: 60_000 });

test('le PMO publie une méthode, prend connaissance d’une politique et capitalise un REX', async ({
  page,
  baseURL,
}) => {
  const code = uniqueCode('M')
    .replace(/[^A-Z0-9-]/gi, '')
    .toUpperCase()
    .slice(0, 20);
  await signIn(page, PMO);

  // 1. A new method, built field by field.
  await page.goto('/governance/methodologies');
  await page.getByRole('button', { name: 'Nouvelle méthode' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Code').fill(code);
  await dialog
    .getByRole('textbox', { name: /^Nom\b/ })
    .first()
    .fill(`Méthode ${code}`);
  await dialog.getByLabel('Nom de la phase 1').fill('Cadrage');
  await dialog.getByRole('button', { name: 'Livrable' }).click();
  await dialog.getByLabel('Cadrage : livrable 1').fill('Note de cadrage');
  await dialog.getByLabel('Jalon de passage en fin de phase').check();
  await dialog.getByRole('button', { name: 'Critère' }).click();
  await dialog.getByLabel('Cadrage : critère 1').fill('Budget validé');
  await dialog.getByRole('button', { name: 'Ajouter une phase' }).click();
  await dialog.getByLabel('Nom de la phase 2').fill('Réalisation');
  await new AxeBuilder({ page })
    .include('[role="dialog"]')
    .setLegacyMode(true)
    .analyze()
    .then((r) => {
      expect(r.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')).toEqual(
        [],
      );
    });
  await dialog.getByRole('button', { name: 'Créer la méthode (version 1)' }).click();
  await expect(page.getByText(`Méthode Méthode ${code} créée.`)).toBeVisible();
  await expect(page.getByRole('heading', { name: `Méthode ${code}` })).toBeVisible();

  // 2. Version 2: a deliverable becomes optional; the change is listed before publishing.
  await page.getByRole('button', { name: 'Publier une nouvelle version' }).click();
  const v2 = page.getByRole('dialog');
  await v2.getByRole('checkbox', { name: 'Obligatoire' }).uncheck();
  await expect(v2.getByText('Cadrage : « Note de cadrage » devient facultatif')).toBeVisible();
  await v2.getByLabel('Notes de version (ce qui change et pourquoi)').fill('Note allégée');
  await v2.getByRole('button', { name: 'Publier la nouvelle version' }).click();
  await expect(page.getByText(`Méthode ${code} : version 2 publiée.`)).toBeVisible();

  // 3. The governance charter: version 1 in force, version 2 announced; acknowledge it.
  await page.goto('/governance/policies');
  await page.getByRole('button', { name: /POL-GOUV/ }).click();
  await expect(page.getByText('En vigueur').first()).toBeVisible();
  const ack = page.getByRole('button', { name: /J'ai lu la version 1/ });
  if (await ack.isVisible()) {
    await ack.click();
    await expect(page.getByText('Prise de connaissance enregistrée.')).toBeVisible();
  }
  await expect(page.getByText('Lue', { exact: true }).first()).toBeVisible();
  await new AxeBuilder({ page })
    .setLegacyMode(true)
    .analyze()
    .then((r) => {
      expect(r.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')).toEqual(
        [],
      );
    });

  // 4. A lesson learned on a closed project, then found in the portfolio's REX.
  const api = await apiSession(baseURL!, PMO);
  const closed = await findProject(api, 'PRJ-2026-012');
  await page.goto(`/projects/${closed.id}/lessons`);
  await page.getByRole('button', { name: 'Ajouter une leçon' }).click();
  const form = page.getByRole('dialog');
  await form.getByRole('combobox', { name: 'Catégorie' }).click();
  await page.getByRole('option', { name: 'Gouvernance' }).click();
  const title = `Arbitrages tracés au COPIL ${code}`;
  await form.getByLabel('Intitulé').fill(title);
  await form
    .getByLabel('Recommandation')
    .fill('Consigner chaque arbitrage dans le journal des décisions.');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('article', { name: title })).toBeVisible();
  await page.goto(`/governance/lessons?q=${encodeURIComponent(code)}`);
  await expect(page.getByRole('article', { name: title })).toBeVisible();
});
