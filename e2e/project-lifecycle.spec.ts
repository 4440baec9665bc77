import { expect, test } from '@playwright/test';
import { loginThroughPage, PMO, uniqueCode } from './helpers.ts';

/*
 * The PMO's everyday loop, in French: log in, create a project under a programme, find it in
 * the list, change it, read the change in its history, log out.
 */
test('le PMO crée un projet sous un programme, le modifie, voit l’historique et se déconnecte', async ({
  page,
}) => {
  const code = uniqueCode();
  const name = `Parcours client e2e ${code}`;
  const renamed = `Parcours client omnicanal ${code}`;

  await test.step('connexion en français', async () => {
    await loginThroughPage(page, PMO);
  });

  await test.step('choisir le programme « Expérience client 360 »', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Portefeuilles' })
      .click();
    await expect(page).toHaveURL(/\/portfolios/);
    await page
      .getByRole('navigation', { name: 'Arborescence des portefeuilles' })
      .getByRole('button', { name: /^Expérience client 360/ })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Expérience client 360' }),
    ).toBeVisible();
    await expect(page).toHaveURL(/program=/);
  });

  await test.step('créer le projet', async () => {
    await page.getByRole('button', { name: 'Nouveau projet' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau projet' });
    await expect(dialog).toBeVisible();
    // The programme chosen in the tree is already filled in.
    await expect(dialog.getByRole('combobox', { name: 'Portefeuille' })).toHaveValue(
      'Transformation numérique',
    );
    await expect(dialog.getByRole('combobox', { name: 'Programme' })).toHaveValue(
      'Expérience client 360',
    );
    await dialog.getByRole('textbox', { name: 'Code' }).fill(code);
    await dialog.getByRole('textbox', { name: 'Nom' }).fill(name);
    await dialog
      .getByRole('textbox', { name: 'Description' })
      .fill('Créé par le parcours Playwright.');
    await dialog.getByRole('button', { name: 'Créer' }).click();
    // The confirmation is a toast that closes itself after 4 s, while the new project may take
    // longer to open on a loaded machine: both are awaited from the click, side by side.
    await Promise.all([
      expect(page.getByText(`Projet ${code} créé.`)).toBeVisible(),
      expect(dialog).toBeHidden(),
      // The new project opens.
      expect(page.getByRole('heading', { level: 1, name })).toBeVisible(),
    ]);
  });

  await test.step('le retrouver dans la liste du programme et l’ouvrir', async () => {
    await page
      .getByRole('navigation', { name: "Fil d'Ariane" })
      .getByRole('link', { name: 'Expérience client 360' })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Expérience client 360' }),
    ).toBeVisible();
    const list = page.getByRole('region', { name: 'Liste des projets' });
    const row = list.getByRole('row').filter({ hasText: code });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Proposé');
    await row.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  });

  await test.step('le modifier : nom et statut', async () => {
    await page.getByRole('button', { name: 'Modifier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Modifier le projet' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Nom' })).toHaveValue(name);
    await dialog.getByRole('textbox', { name: 'Nom' }).fill(renamed);
    await dialog.getByRole('combobox', { name: 'Statut' }).click();
    await page.getByRole('option', { name: 'En cours' }).click();
    await expect(dialog.getByRole('combobox', { name: 'Statut' })).toHaveValue('En cours');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    // The toast again, awaited from the click beside what lasts.
    await Promise.all([
      expect(page.getByText('Modifications enregistrées.')).toBeVisible(),
      expect(dialog).toBeHidden(),
      expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible(),
    ]);
  });

  await test.step('l’onglet Historique montre la modification (avant → après)', async () => {
    await page.getByRole('tab', { name: 'Gouvernance', exact: true }).click();
    await page.getByRole('tab', { name: 'Historique' }).click();
    await expect(page).toHaveURL(/\/history$/);
    const update = page.getByRole('article').filter({ hasText: 'Modification' });
    await expect(update).toHaveCount(1);
    await expect(update).toContainText('Par Claire Martin');
    await expect(update.getByRole('row', { name: `Nom ${name} ${renamed}` })).toBeVisible();
    await expect(update.getByRole('row', { name: 'Statut Proposé En cours' })).toBeVisible();
    // The creation is there too, below.
    await expect(page.getByRole('article').filter({ hasText: 'Création' })).toHaveCount(1);
  });

  await test.step('se déconnecter', async () => {
    await page.getByRole('button', { name: 'Menu de Claire Martin' }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('heading', { name: 'Connexion à Jalon' })).toBeVisible();
    // The session is really gone: the app sends us back to the login page.
    await page.goto('/portfolios');
    await expect(page).toHaveURL(/\/login/);
  });
});
