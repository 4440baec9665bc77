import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { apiSession, MANAGER, PMO, signIn, uniqueCode } from './helpers.ts';

/*
 * The planning journeys a project manager does every week: build a plan in the Gantt table with
 * the keyboard, link two tasks and see the dates and the critical path follow; and import an
 * MS Project file with its preview before anything is saved.
 */

const FIXTURE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../shared/fixtures/mspdi/mpxj-task-links-p2019.xml',
);

interface Tree {
  items: { id: string; name: string }[];
}

/** A new, empty project managed by the demo project manager, created through the API. */
async function newProject(baseURL: string, prefix: string) {
  const api = await apiSession(baseURL, PMO);
  const tree = (await (await api.get('/api/v1/tree')).json()) as Tree;
  const portfolio = tree.items.find((p) => p.name === 'Transformation numérique')!;
  const manager = await apiSession(baseURL, MANAGER);
  const me = (await (await manager.get('/api/v1/auth/me')).json()) as {
    user: { personId: string };
  };
  const code = uniqueCode(prefix);
  const res = await api.post('/api/v1/projects', {
    data: {
      code,
      name: `Portail fournisseurs ${code}`,
      portfolioId: portfolio.id,
      managerId: me.user.personId,
      plannedStart: '2027-01-04',
      priority: 'medium',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; name: string };
}

/** The row of the Gantt table of a task: its name is "<n°> <task name>[ (chemin critique)] …". */
const row = (page: Page, name: string) =>
  page.getByRole('row', { name: new RegExp(`^[\\d.]+ ${name}( \\(chemin critique\\))? `) });

/** Names a new task (its name field has the focus) and sets its duration, keyboard only. */
async function typeTask(page: Page, name: string, days: string) {
  const nameInput = page.getByRole('textbox', { name: 'Nom' });
  await expect(nameInput).toBeFocused();
  await nameInput.fill(name);
  await page.keyboard.press('Tab');
  const duration = page.getByRole('textbox', { name: 'Durée' });
  await expect(duration).toBeFocused();
  await duration.fill(days);
  await page.keyboard.press('Enter');
  await expect(row(page, name)).toContainText(`${days} j`);
}

test('le chef de projet construit son planning au clavier, lie deux tâches et voit le chemin critique', async ({
  page,
  baseURL,
}) => {
  const project = await newProject(baseURL!, 'PRJ-E2E-PLAN');
  await signIn(page, MANAGER);
  await page.goto(`/projects/${project.id}/planning`);
  await expect(page.getByRole('heading', { name: 'Pas encore de planning' })).toBeVisible({
    timeout: 30_000,
  });

  await test.step('deux tâches saisies au clavier', async () => {
    // A new task opens with its name ready to type; Tab goes to its duration.
    await page.getByRole('button', { name: 'Ajouter une première tâche' }).click();
    await typeTask(page, 'Analyse du besoin', '5');
    // Back in the table, Insert adds the next task below the selected one.
    await expect(page.getByRole('treegrid', { name: /Tâches du planning/ })).toBeFocused();
    await page.keyboard.press('Insert');
    await typeTask(page, 'Développement', '10');
    // Not linked yet: both start on the first working day of the project.
    await expect(row(page, 'Analyse du besoin')).toContainText('04/01/2027');
    await expect(row(page, 'Développement')).toContainText('04/01/2027');
  });

  await test.step('un lien fin-début : le développement suit l’analyse', async () => {
    await row(page, 'Développement').click();
    await page.getByRole('button', { name: 'Liens (dépendances)' }).click();
    const dialog = page.getByRole('dialog', { name: /Liens de « Développement »/ });
    await dialog.getByRole('combobox', { name: 'Sens' }).click();
    await page.getByRole('option', { name: 'Prédécesseur' }).click();
    await dialog.getByRole('combobox', { name: 'Tâche' }).click();
    await page.getByRole('option', { name: /Analyse du besoin/ }).click();
    await dialog.getByRole('button', { name: 'Lier' }).click();
    await expect(dialog.getByText(/Analyse du besoin/).first()).toBeVisible();
    await page.keyboard.press('Escape');
    // Five working days of analysis (4–8 January), then development from Monday 11 January.
    await expect(row(page, 'Développement')).toContainText('11/01/2027');
    await expect(row(page, 'Développement')).toContainText('22/01/2027');
    await expect(page.getByText(/^2 tâches · 2 sur le chemin critique/)).toBeVisible();
  });

  await test.step('le plan survit au rechargement', async () => {
    await page.reload();
    await expect(row(page, 'Développement')).toContainText('22/01/2027');
  });

  await test.step('un lecteur d’écran trouve les en-têtes des colonnes ; axe, rien de grave', async () => {
    const table = page.getByRole('treegrid', { name: /Tâches du planning/ });
    await expect(table.getByRole('columnheader')).toHaveText([
      'N°',
      'Nom',
      'Durée',
      'Début',
      'Fin',
      '% achevé',
      'Marge totale',
    ]);
    const results = await new AxeBuilder({ page }).include('.gantt').setLegacyMode(true).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, 'axe on the Gantt').toEqual([]);
  });

  await test.step('les durées, dates et pourcentages tiennent dans leur colonne sans y être coupés', async () => {
    // Only the number and the name clip their text (each clipped cell costs the compositor at
    // every frame); the other cells' text must fit their width.
    const cells = await page.locator('.gantt-row > [role="gridcell"]').evaluateAll((els) =>
      els.map((el) => ({
        column: el.className,
        overflow: getComputedStyle(el).overflowX,
        fits: el.scrollWidth <= el.clientWidth,
      })),
    );
    const others = cells.filter((c) => !/gantt-col-(wbs|name)/.test(c.column));
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((c) => c.overflow !== 'visible' || !c.fits)).toEqual([]);
    expect(
      cells.filter((c) => /gantt-col-name/.test(c.column)).every((c) => c.overflow === 'hidden'),
    ).toBe(true);
  });
});

test('le PMO importe un fichier MS Project après en avoir vu l’aperçu', async ({
  page,
  baseURL,
}) => {
  test.skip(!existsSync(FIXTURE), 'the shared MSPDI fixtures (../shared) are not here');
  const project = await newProject(baseURL!, 'PRJ-E2E-IMP');
  await signIn(page, PMO);
  await page.goto(`/projects/${project.id}/planning`);
  await page.getByRole('tab', { name: 'Import / export' }).click();
  await page.locator('input[type="file"]').setInputFiles(FIXTURE);
  const preview = page.getByRole('status').filter({ hasText: 'Aperçu de l’import' });
  await expect(preview).toBeVisible();
  // Nothing saved before the confirmation.
  const api = await apiSession(baseURL!, PMO);
  const before = await (await api.get(`/api/v1/projects/${project.id}/plan`)).json();
  expect((before as { tasks: unknown[] }).tasks).toHaveLength(0);
  await page.getByRole('button', { name: 'Confirmer l’import' }).click();
  await expect(page.getByText(/Import terminé : \d+ tâches/)).toBeVisible();
  const after = await (await api.get(`/api/v1/projects/${project.id}/plan`)).json();
  expect((after as { tasks: unknown[] }).tasks.length).toBeGreaterThan(0);
});
