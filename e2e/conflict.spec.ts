import { expect, test } from '@playwright/test';
import { apiSession, PMO, signIn, uniqueCode } from './helpers.ts';

interface Tree {
  items: { id: string; name: string; programs: { id: string; name: string }[] }[];
}
interface ProjectRecord {
  id: string;
  name: string;
  description: string;
  priority: string;
  status: string;
  version: number;
}

/*
 * Two people edit the same project: the one who saves second is told, keeps seeing what they
 * typed, may reload the current version, and nothing anybody saved is ever lost.
 */
test('une modification concurrente est signalée et rien n’est perdu', async ({ page, baseURL }) => {
  // A project of this test only, under "Données et intelligence artificielle".
  const api = await apiSession(baseURL!, PMO);
  const tree = (await (await api.get('/api/v1/tree')).json()) as Tree;
  const portfolio = tree.items.find((p) => p.name === 'Transformation numérique')!;
  const program = portfolio.programs.find(
    (g) => g.name === 'Données et intelligence artificielle',
  )!;
  const code = uniqueCode('PRJ-E2E-CONC');
  const created = await api.post('/api/v1/projects', {
    data: {
      code,
      name: `Entrepôt de données ${code}`,
      description: 'Version initiale.',
      portfolioId: portfolio.id,
      programId: program.id,
      priority: 'medium',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const project = (await created.json()) as ProjectRecord;
  const myName = `Entrepôt de données (navigateur) ${code}`;

  await test.step('le PMO ouvre le formulaire et commence à saisir', async () => {
    await signIn(page, PMO);
    await page.goto(`/projects/${project.id}`);
    await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
    await page.getByRole('button', { name: 'Modifier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Modifier le projet' });
    await expect(dialog.getByRole('textbox', { name: 'Nom' })).toHaveValue(project.name);
    await dialog.getByRole('textbox', { name: 'Nom' }).fill(myName);
  });

  const theirs = { description: 'Modifié par un autre utilisateur via l’API.', priority: 'high' };
  await test.step('pendant ce temps, quelqu’un d’autre enregistre (PATCH avec If-Match)', async () => {
    const res = await api.patch(`/api/v1/projects/${project.id}`, {
      data: theirs,
      headers: { 'If-Match': `"${project.version}"` },
    });
    expect(res.status(), await res.text()).toBe(200);
    expect(res.headers()['etag']).toBe(`"${project.version + 1}"`);
  });

  const dialog = page.getByRole('dialog', { name: 'Modifier le projet' });
  await test.step('enregistrer dans le navigateur signale le conflit', async () => {
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    const alert = dialog.getByRole('alert').filter({ hasText: "Quelqu'un d'autre a modifié" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Ce que vous avez saisi reste affiché');
    await expect(alert).toContainText(/Champs modifiés par l'autre personne : .*Priorité/);
    await expect(alert).toContainText('Description');
    // The user's input is still there, and saving again is blocked until they choose.
    await expect(dialog.getByRole('textbox', { name: 'Nom' })).toHaveValue(myName);
    await expect(dialog.getByRole('button', { name: 'Enregistrer' })).toBeDisabled();
    await expect(alert.getByRole('button', { name: /Garder mes saisies/ })).toBeVisible();
    await expect(alert.getByRole('button', { name: /Charger la version actuelle/ })).toBeVisible();
  });

  await test.step('rien n’a été écrasé côté serveur', async () => {
    const current = (await (
      await api.get(`/api/v1/projects/${project.id}`)
    ).json()) as ProjectRecord;
    expect(current).toMatchObject({ ...theirs, name: project.name, version: project.version + 1 });
  });

  await test.step('recharger la version actuelle, puis enregistrer à nouveau', async () => {
    await dialog.getByRole('button', { name: /Charger la version actuelle/ }).click();
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await expect(dialog.getByRole('textbox', { name: 'Description' })).toHaveValue(
      theirs.description,
    );
    await expect(dialog.getByRole('combobox', { name: 'Priorité' })).toHaveValue('Haute');
    await expect(dialog.getByRole('textbox', { name: 'Nom' })).toHaveValue(project.name);
    await dialog.getByRole('textbox', { name: 'Nom' }).fill(myName);
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: myName })).toBeVisible();
    await expect(page.getByText(theirs.description)).toBeVisible();
  });

  await test.step('les deux modifications sont là', async () => {
    const res = await api.get(`/api/v1/projects/${project.id}`);
    const current = (await res.json()) as ProjectRecord;
    expect(current).toMatchObject({ ...theirs, name: myName, version: project.version + 2 });
    expect(res.headers()['etag']).toBe(`"${project.version + 2}"`);
  });

  await api.dispose();
});
