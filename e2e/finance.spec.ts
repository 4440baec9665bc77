import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { FINANCE_PROJECT, MANAGER, signIn } from './helpers.ts';

/*
 * Finance, every day: the project manager adds a budget line and edits a month in the budget
 * grid with the keyboard, and sees the totals follow; the controller imports invoices from a
 * CSV file, reads the dry run's rejected rows, fixes the file and imports it.
 */

const FINANCE = 'sophie.leroy@exemple.fr';
const euros = (text: string | null) =>
  Number((text ?? '').replace(/[^\d,-]/g, '').replace(',', '.'));

/** The demo manager's project whose budget this journey alone edits (evm.spec takes another). */
async function managedProject(page: Page) {
  const res = await page.request.get('/api/v1/projects?limit=100&status=active');
  const items = (await res.json()).items as {
    id: string;
    code: string;
    manager: { name: string } | null;
  }[];
  const project = items.find((p) => p.code === FINANCE_PROJECT);
  expect(project?.manager?.name, `${FINANCE_PROJECT}, run by the demo manager`).toBe(
    'Thomas Bernard',
  );
  return project!;
}

test('le chef de projet saisit son budget dans la grille ; le contrôle de gestion importe des factures avec un essai à blanc', async ({
  page,
}) => {
  // The budget view reads the plan, the baseline, costs and closes: give a loaded machine time.
  test.setTimeout(240_000);
  const label = `Formation des utilisateurs ${Date.now() % 100000}`;
  let project = { id: '', code: '' };

  await test.step('le chef de projet ouvre l’onglet Budget', async () => {
    await signIn(page, MANAGER);
    project = await managedProject(page);
    await page.goto(`/projects/${project.id}/budget`);
    await expect(page.getByRole('heading', { name: 'Budget par ligne et par mois' })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.locator('table[role="grid"]')).toBeVisible();
  });

  const grid = page.locator('table[role="grid"]');
  const grandTotal = page.getByTestId('budget-grand-total');
  const before = euros(await grandTotal.textContent());

  await test.step('l’équipe interne est budgétée sur chaque mois du projet, sans trou', async () => {
    const labour = grid.getByRole('row', { name: /Équipe projet interne \(CRA valorisés\)/ });
    await expect(labour).toBeVisible();
    const cells = (await labour.locator('[data-cell]').allTextContents()).map((c) => c.trim());
    expect(cells.length).toBeGreaterThan(3);
    expect(cells.filter((c) => c === '–')).toEqual([]);
  });

  await test.step('il ajoute une ligne de 3 000 € répartie sur les mois', async () => {
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter une ligne' });
    await dialog.getByRole('textbox', { name: 'Libellé' }).fill(label);
    await dialog.getByRole('textbox', { name: /Montant à répartir/ }).fill('3 000');
    await dialog.getByRole('button', { name: 'Créer la ligne' }).click();
    await expect(dialog).toBeHidden();
    await expect(grid.getByRole('rowheader', { name: new RegExp(label) })).toBeVisible();
    await expect
      .poll(async () => euros(await grandTotal.textContent()))
      .toBeCloseTo(before + 3000, 2);
  });

  await test.step('il modifie un mois au clavier et voit les totaux suivre', async () => {
    const row = grid.getByRole('row', { name: new RegExp(label) });
    const cell = row.locator('[data-cell]').first();
    await cell.click();
    await page.keyboard.press('Enter');
    const input = row.getByRole('textbox');
    await input.fill('1 500');
    await page.keyboard.press('Enter');
    await expect(row.locator('[data-cell]').first()).toHaveText(/1\s500,00\s€/);
    const lineTotal = row.locator('td').filter({ hasText: '€' }).last();
    await expect.poll(async () => euros(await lineTotal.textContent())).toBeGreaterThan(3000);
    const lineValue = euros(await lineTotal.textContent());
    await expect
      .poll(async () => euros(await grandTotal.textContent()))
      .toBeCloseTo(before + lineValue, 2);
  });

  await test.step('la page Budget passe le contrôle d’accessibilité', async () => {
    const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
    const serious = results.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  });

  await test.step('le contrôle de gestion fait un essai à blanc : une ligne est rejetée', async () => {
    await page.context().clearCookies();
    await signIn(page, FINANCE);
    await page.goto('/finance');
    await expect(page.getByRole('tab', { name: 'Import des réalisés et engagements' })).toBeVisible(
      { timeout: 60_000 },
    );
    await page.getByRole('tab', { name: 'Import des réalisés et engagements' }).click();
    const csv = (date: string) =>
      `Projet;Date;Montant;Fournisseur\r\n${project.code};05/11/2026;1 234,56;Capgemini\r\n${project.code};${date};250,00;Dell Technologies\r\n`;
    const file = page.locator('input[type="file"]');
    await file.setInputFiles({
      name: 'factures.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv('31/11/2026')),
    });
    await page.getByRole('button', { name: 'Essai à blanc' }).click();
    const rejected = page.getByRole('table', { name: 'Lignes rejetées' });
    await expect(rejected).toBeVisible();
    await expect(
      rejected.getByRole('row', { name: /3 Date 31\/11\/2026 Date invalide/ }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Importer' })).toBeDisabled();

    await file.setInputFiles({
      name: 'factures.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv('30/11/2026')),
    });
    await page.getByRole('button', { name: 'Essai à blanc' }).click();
    await expect(page.getByText('Prêt à importer')).toBeVisible();
    await page.getByRole('button', { name: 'Importer' }).click();
    await expect(page.getByText('Importé', { exact: true })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('1 484,56');
  });

  await test.step('il saisit un bon de commande dans le formulaire du projet', async () => {
    const reference = `BC-E2E-${Date.now() % 100000}`;
    await page.goto(`/projects/${project.id}/budget`);
    // The budget view is heavy on a loaded machine: as in the first step, give it time.
    await expect(page.getByRole('button', { name: 'Nouveau bon de commande' })).toBeVisible({
      timeout: 60_000,
    });
    await page.getByRole('button', { name: 'Nouveau bon de commande' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau bon de commande' });
    await dialog.getByRole('textbox', { name: 'Fournisseur' }).fill('Inetum');
    await dialog.getByRole('textbox', { name: 'Référence' }).fill(reference);
    await dialog.getByRole('textbox', { name: 'Date de commande' }).fill('12/11/2026');
    await dialog.getByRole('textbox', { name: 'Montant' }).fill('4 200,50');
    await dialog.getByRole('textbox', { name: 'Montant' }).press('Tab');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row', { name: new RegExp(`${reference} Inetum`) })).toContainText(
      '4 200,50',
    );
  });

  await test.step('il enregistre un taux de change daté', async () => {
    await page.goto('/finance');
    await expect(page.getByRole('tab', { name: 'Taux de change' })).toBeVisible({
      timeout: 60_000,
    });
    await page.getByRole('tab', { name: 'Taux de change' }).click();
    await page.getByRole('textbox', { name: 'Devise (ISO)' }).fill('CHF');
    await page.getByRole('textbox', { name: 'En vigueur au' }).fill('01/11/2026');
    await page.getByRole('textbox', { name: /Taux/ }).fill('1,0712');
    await page.getByRole('textbox', { name: /Taux/ }).press('Tab');
    await page.getByRole('button', { name: 'Enregistrer le taux' }).click();
    await expect(page.getByRole('heading', { name: 'Historique de CHF' })).toBeVisible();
    await expect(page.getByRole('cell', { name: '1,0712' })).toBeVisible();
  });
});
