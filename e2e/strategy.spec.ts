import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CONTRIBUTOR, login, PMO, signIn } from './helpers.ts';

/*
 * Intake, in French: a contributor submits a project request through the form; the PMO finds
 * it in the "À qualifier" column of the board and accepts it into evaluation.
 */

async function expectNoSeriousAxe(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

test('une contributrice soumet une demande de projet, le PMO la passe en évaluation', async ({
  page,
}) => {
  // Two logins and two axe runs: generous on a loaded machine.
  test.setTimeout(180_000);
  const title = `Signature électronique des contrats ${Math.random().toString(36).slice(2, 7)}`;

  await test.step('la contributrice soumet la demande', async () => {
    await login(page, CONTRIBUTOR);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Demandes de projet' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demandes de projet' })).toBeVisible();
    await page.getByRole('button', { name: 'Nouvelle demande' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle demande' });
    await dialog.getByRole('textbox', { name: 'Intitulé' }).fill(title);
    await dialog
      .getByRole('textbox', { name: 'Problème à résoudre' })
      .fill('Les contrats fournisseurs circulent en papier : 12 jours de signature en moyenne.');
    await dialog
      .getByRole('textbox', { name: 'Gains attendus' })
      .fill('Délai de signature ramené à 2 jours.');
    await dialog.getByRole('textbox', { name: 'Coût estimé' }).fill('85000');
    await dialog.getByRole('textbox', { name: 'Début souhaité' }).fill('01/03/2027');
    await dialog.getByRole('textbox', { name: 'Fin souhaitée' }).fill('30/06/2027');
    await dialog.getByRole('button', { name: 'Soumettre la demande' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(title) })).toBeVisible();
    await expect(page.getByText('À qualifier', { exact: true })).toBeVisible();
    await expect(page.getByText(/85[\s\u202f]000,00[\s\u202f]€/)).toBeVisible();
    await expectNoSeriousAxe(page, 'la demande soumise');
  });

  await test.step('le PMO la trouve sur le tableau et la passe en évaluation', async () => {
    await page.getByRole('button', { name: /^Menu de / }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await signIn(page, PMO);
    await page.goto('/strategy/intake');
    const column = page.getByRole('region', { name: 'À qualifier' });
    await expect(column.getByRole('link', { name: new RegExp(title) })).toBeVisible();
    await expectNoSeriousAxe(page, 'le tableau des demandes');
    await column.getByRole('link', { name: new RegExp(title) }).click();
    await page.getByRole('button', { name: 'Passer en évaluation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Passer en évaluation' });
    await dialog
      .getByRole('textbox', { name: 'Commentaire' })
      .fill('Établir l’étude d’opportunité avec la direction juridique.');
    await dialog.getByRole('button', { name: 'Passer en évaluation' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Demande passée en évaluation.')).toBeVisible();
    await expect(page.getByText('En évaluation', { exact: true })).toBeVisible();
    await page.goto('/strategy/intake');
    await expect(
      page
        .getByRole('region', { name: 'En évaluation' })
        .getByRole('link', { name: new RegExp(title) }),
    ).toBeVisible();
  });
});

/*
 * Strategy, in French: the PMO adds an objective with a measurable target, sees it uncovered on
 * the strategy map, declares a strong contribution from a project, and sees it covered.
 */
test('le PMO ajoute un objectif stratégique et y rattache un projet', async ({ page }) => {
  test.setTimeout(180_000);
  const code = `OS-E2E-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  const title = `Réduire les délais de recrutement ${code}`;

  await login(page, PMO);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Carte stratégique' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Stratégie' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Contribution pondérée/ })).toBeVisible();
  await expectNoSeriousAxe(page, 'la carte stratégique');

  await page.getByRole('tab', { name: 'Objectifs stratégiques' }).click();
  await page.getByRole('button', { name: 'Nouvel objectif' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Nouvel objectif' });
  await dialog.getByRole('textbox', { name: 'Code' }).fill(code);
  await dialog.getByRole('textbox', { name: 'Intitulé' }).fill(title);
  await dialog.getByRole('button', { name: 'Ajouter une cible' }).click();
  await dialog.getByRole('textbox', { name: 'Indicateur' }).fill('Délai moyen de recrutement');
  await dialog.getByRole('textbox', { name: 'Unité' }).fill('jours');
  await dialog.getByRole('textbox', { name: 'Valeur de départ' }).fill('62');
  await dialog.getByRole('textbox', { name: 'Cible', exact: true }).fill('40');
  await dialog.getByRole('textbox', { name: 'Échéance' }).fill('31/12/2027');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: title })).toBeVisible();
  // In the objective's own row: an earlier run's objective has the same target.
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: title })
      .getByText(/Délai moyen de recrutement : 62 jours → 40 jours au 31\/12\/2027/),
  ).toBeVisible();
  await expectNoSeriousAxe(page, 'les objectifs');

  // Uncovered on the map, until a project declares a strong contribution.
  await page.getByRole('tab', { name: 'Carte stratégique' }).click();
  // Listed among the objectives with no project (the chart's <title> holds it too, hidden).
  await expect(page.locator('p', { hasText: `${code} ${title}` })).toBeVisible();
  await page
    .getByRole('link', { name: /PRJ-2026-018 SIRH/ })
    .first()
    .click();
  await page.getByRole('tab', { name: 'Stratégie' }).click();
  const row = page.getByRole('row', { name: new RegExp(code) });
  await row.getByText('Forte', { exact: true }).click();
  await expect(row.getByRole('radio', { name: 'Forte' })).toBeChecked();
  await expectNoSeriousAxe(page, 'la contribution du projet');

  await page.goto('/strategy/map');
  await page.locator('label', { hasText: 'Tableau' }).click();
  const mapRow = page.getByRole('row', { name: new RegExp(code) });
  await expect(mapRow).toContainText('PRJ-2026-018 (3)');
});
