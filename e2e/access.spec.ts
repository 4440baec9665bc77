import { expect, test } from '@playwright/test';
import { apiSession, CONTRIBUTOR, findProject, login, PMO, signIn } from './helpers.ts';

/*
 * A member sees only the projects they belong to: Julie Petit (member) contributes to "Refonte
 * du CRM" (PRJ-2026-001) and "Plateforme de données" (PRJ-2026-004), and is not a member of
 * "Conformité DORA" (PRJ-2026-008, run by Thomas Bernard).
 */
test.describe('un membre ne voit que ses projets', () => {
  test('la liste des projets ne montre que les projets de Julie', async ({ page }) => {
    await login(page, CONTRIBUTOR);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Projets', exact: true })
      .click();
    await expect(page).toHaveURL(/\/projects$/);
    const list = page.getByRole('region', { name: 'Liste des projets' });
    await expect(list.getByRole('link', { name: 'Refonte du CRM' })).toBeVisible();
    await expect(list.getByRole('link', { name: 'Plateforme de données' })).toBeVisible();
    await expect(list.getByText('Conformité DORA')).toHaveCount(0);

    // The rows are exactly the projects the API lets her see (her session, in the browser), a
    // handful out of the 30 of the demo.
    const res = await page.request.get('/api/v1/projects', { params: { limit: 100 } });
    expect(res.status()).toBe(200);
    const mine = ((await res.json()) as { items: { code: string }[] }).items.map((p) => p.code);
    expect(mine).toEqual(expect.arrayContaining(['PRJ-2026-001', 'PRJ-2026-004']));
    expect(mine).not.toContain('PRJ-2026-008');
    expect(mine.length).toBeLessThan(10);
    const rows = list.getByRole('row').filter({ has: page.getByRole('link') });
    await expect(rows).toHaveCount(mine.length);
    const shown: string[] = [];
    for (const row of await rows.all()) {
      shown.push((await row.getByRole('cell').first().innerText()).trim());
    }
    expect(shown.sort()).toEqual([...mine].sort());

    // The search does not reveal it either.
    await page.getByRole('searchbox', { name: 'Rechercher des projets' }).fill('DORA');
    await page.getByRole('searchbox', { name: 'Rechercher des projets' }).press('Enter');
    await expect(page).toHaveURL(/q=DORA/);
    await expect(list.getByRole('heading', { name: 'Aucun projet' })).toBeVisible();
    await expect(page.getByText('Conformité DORA')).toHaveCount(0);
  });

  test('l’URL directe d’un projet dont elle n’est pas membre affiche « introuvable »', async ({
    page,
    baseURL,
  }) => {
    // The PMO sees every project: look up the id of "Conformité DORA" through the API.
    const pmo = await apiSession(baseURL!, PMO);
    const dora = await findProject(pmo, 'DORA');
    expect(dora.name).toBe('Conformité DORA');
    await pmo.dispose();

    await signIn(page, CONTRIBUTOR);
    for (const path of [`/projects/${dora.id}`, `/projects/${dora.id}/history`]) {
      await page.goto(path);
      const alert = page.getByRole('main').getByRole('alert');
      await expect(alert).toContainText("Ce projet n'existe pas ou vous n'y avez pas accès.");
      // Nothing of the project shows: not its name, code, history or edit button.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Projet');
      await expect(page.getByText('Conformité DORA')).toHaveCount(0);
      await expect(page.getByText(dora.code)).toHaveCount(0);
      await expect(page.getByRole('tab')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Modifier' })).toHaveCount(0);
    }

    // The API says the same: not found, never forbidden (which would confirm it exists).
    const res = await page.request.get(`/api/v1/projects/${dora.id}`);
    expect(res.status()).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'PROJECT_NOT_FOUND',
    );
  });

  test('le menu Administration est absent', async ({ page }) => {
    await signIn(page, CONTRIBUTOR);
    await page.goto('/projects');
    await expect(
      page.getByRole('region', { name: 'Liste des projets' }).getByRole('link').first(),
    ).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await expect(nav.getByRole('link', { name: 'Projets', exact: true })).toBeVisible();
    await expect(nav.getByText('Administration')).toHaveCount(0);
    await expect(nav.getByRole('group', { name: 'Administration' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Utilisateurs' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: "Journal d'audit" })).toHaveCount(0);
    // A member cannot create projects either.
    await expect(page.getByRole('button', { name: 'Nouveau projet' })).toHaveCount(0);

    // Typing the address of an administration page shows no account.
    await page.goto('/admin/users');
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      "Vous n'avez pas les droits pour cette action.",
    );
    await expect(page.getByText('claire.martin@exemple.fr')).toHaveCount(0);
  });
});
