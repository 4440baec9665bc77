import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { apiSession, PMO, signIn, uniqueCode } from './helpers.ts';

/*
 * The PMO's gate review, in French: put a new project on the group's V-cycle, prepare the
 * launch gate (a criterion ticked, the charter approved), record a "go avec réserves" with a
 * condition, see the project move to the next phase, and find the decision in the portfolio's
 * list of gate decisions.
 */
test.setTimeout(180_000);

test('le PMO tient la revue de jalon et prononce un go avec réserves', async ({
  page,
  baseURL,
}) => {
  const code = uniqueCode('PRJ-GOV');
  const name = `Dématérialisation des factures ${code}`;
  const api = await apiSession(baseURL!, PMO);
  const portfolios = (await (await api.get('/api/v1/portfolios')).json()) as {
    items: { id: string; name: string }[];
  };
  const portfolio = portfolios.items.find((p) => p.name === 'Transformation numérique')!;
  const created = await api.post('/api/v1/projects', {
    data: { code, name, portfolioId: portfolio.id, status: 'active' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const projectId = ((await created.json()) as { id: string }).id;

  await signIn(page, PMO);

  await test.step('appliquer la méthode « Cycle en V Groupe Exemple » au projet', async () => {
    await page.goto(`/projects/${projectId}/governance`);
    await expect(page.getByRole('heading', { name: 'Appliquer une méthode' })).toBeVisible({
      timeout: 45_000,
    });
    await page.getByRole('combobox', { name: 'Méthode' }).click();
    await page.getByRole('option', { name: /^Cycle en V Groupe Exemple/ }).click();
    await page.getByRole('combobox', { name: 'Phase actuelle du projet' }).click();
    await page.getByRole('option', { name: 'Cadrage', exact: true }).click();
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await expect(
      page.getByText('Méthode appliquée : cycle de vie et livrables créés.'),
    ).toBeVisible();
    const ribbon = page.getByRole('list', { name: 'Phases du cycle de vie' });
    await expect(ribbon.locator('[aria-current="step"]')).toContainText('Cadrage');
    await expect(
      page.getByRole('heading', { name: 'Revue de jalon — J1 — Lancement' }),
    ).toBeVisible();
    await expect(page.getByText('Préparation : 0 sur 6')).toBeVisible();
  });

  await test.step('préparer la revue : un critère coché, la note de cadrage validée', async () => {
    await page
      .getByRole('checkbox', { name: 'Périmètre, objectifs et hors-périmètre validés par la MOA' })
      .check();
    await expect(page.getByText('Préparation : 1 sur 6')).toBeVisible();
    await page.getByRole('combobox', { name: 'Statut de « Note de cadrage »' }).click();
    await page.getByRole('option', { name: 'Validé' }).click();
    await expect(page.getByText('Livrable enregistré.')).toBeVisible();
    await expect(page.getByText('Préparation : 2 sur 6')).toBeVisible();
    const missing = page.getByRole('alert').filter({ hasText: 'Ce qui manque' });
    await expect(missing).toContainText('Budget et ressources engagés par la direction');
    await expect(missing).not.toContainText('Note de cadrage');
  });

  await test.step('axe : l’onglet Gouvernance', async () => {
    const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  });

  await test.step('prononcer un go avec réserves', async () => {
    await page.getByRole('button', { name: 'Décider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Décision — J1 — Lancement' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Il manque encore 4 éléments');
    await dialog.getByRole('radio', { name: /^Go avec réserves/ }).check();
    await dialog
      .getByRole('textbox', { name: 'Commentaire (relevé de décision)' })
      .fill('Go du COPIL sous réserve de l’engagement budgétaire.');
    await dialog
      .getByRole('textbox', { name: 'Réserve 1', exact: true })
      .fill('Faire valider le budget par la DAF');
    await dialog.getByRole('textbox', { name: 'Échéance de la réserve 1' }).fill('15/01/2027');
    await dialog.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Décision « Go avec réserves » enregistrée.')).toBeVisible();
  });

  await test.step('le projet passe en Conception, la réserve est suivie', async () => {
    const ribbon = page.getByRole('list', { name: 'Phases du cycle de vie' });
    await expect(ribbon.locator('[aria-current="step"]')).toContainText('Conception');
    await expect(
      page.getByRole('heading', { name: 'Revue de jalon — J2 — Conception validée' }),
    ).toBeVisible();
    const decision = page.getByRole('article').filter({ hasText: 'J1 — Lancement' });
    await expect(decision).toContainText('Go avec réserves');
    await expect(decision).toContainText('préparation 2/6');
    await expect(decision).toContainText('Faire valider le budget par la DAF');
    await expect(decision).toContainText('échéance 15/01/2027');
    await expect(decision).toContainText('Claire Martin');
  });

  await test.step('la décision figure dans la liste du portefeuille, filtrée', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Gouvernance' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Gouvernance' })).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Décisions de jalon du portefeuille' }),
    ).toBeVisible();
    await page.getByRole('combobox', { name: 'Décision' }).click();
    await page.getByRole('option', { name: 'Go avec réserves' }).click();
    await expect(page).toHaveURL(/decision=go_with_conditions/);
    const row = page
      .getByRole('table', { name: 'Décisions de jalon du portefeuille' })
      .getByRole('row')
      .filter({ hasText: code });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('J1 — Lancement');
    await expect(row).toContainText('1 ouverte(s) sur 1');
  });
});
