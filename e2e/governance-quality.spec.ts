import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { apiSession, PMO, signIn, uniqueCode } from './helpers.ts';

/*
 * The PMO's quality review, in French: plan a "Revue de cadrage" of a new project, assess it
 * item by item (one item not conform), record a major finding, add its corrective action, mark
 * the action done and close the finding; the review is then closed, and the finding is found
 * (closed) in the portfolio's follow-up.
 */
test.setTimeout(180_000);

const ITEMS = [
  'La note de cadrage est validée par le sponsor',
  'Le périmètre (inclus / exclus) est écrit et partagé',
  'Le budget est chiffré et engagé par la DAF',
  'Les instances (COPIL, COPROJ) et leur fréquence sont fixées',
  'La matrice RACI est renseignée (un seul A par activité)',
  'Les risques majeurs sont identifiés avec un propriétaire',
];

test('le PMO mène une revue qualité et suit l’écart jusqu’à sa clôture', async ({
  page,
  baseURL,
}) => {
  const code = uniqueCode('PRJ-QUA');
  const api = await apiSession(baseURL!, PMO);
  const portfolios = (await (await api.get('/api/v1/portfolios')).json()) as {
    items: { id: string; name: string }[];
  };
  const portfolio = portfolios.items.find((p) => p.name === 'Transformation numérique')!;
  const people = (await (await api.get('/api/v1/people?q=Bernard')).json()) as {
    items: { id: string; name: string }[];
  };
  const thomas = people.items.find((p) => p.name === 'Thomas Bernard')!;
  const created = await api.post('/api/v1/projects', {
    data: {
      code,
      name: `Portail fournisseurs ${code}`,
      portfolioId: portfolio.id,
      status: 'active',
      managerId: thomas.id,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const projectId = ((await created.json()) as { id: string }).id;

  await signIn(page, PMO);

  await test.step('planifier une revue de cadrage', async () => {
    await page.goto(`/projects/${projectId}/quality`);
    await expect(page.getByText('Aucun audit qualité')).toBeVisible({ timeout: 45_000 });
    await page.getByRole('button', { name: 'Planifier un audit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Planifier un audit' });
    await dialog.getByText('Revue qualité', { exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Intitulé' }).fill('Revue de cadrage');
    await dialog.getByRole('combobox', { name: 'Checklist' }).click();
    await page.getByRole('option', { name: /^Revue de cadrage/ }).click();
    await dialog.getByRole('textbox', { name: 'Date prévue' }).fill('10/12/2026');
    await dialog.getByRole('textbox', { name: 'Date prévue' }).press('Tab');
    await dialog.getByRole('button', { name: 'Planifier', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Audit planifié.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Revue de cadrage' })).toContainText('Planifié');
  });

  const review = page.getByRole('region', { name: 'Revue de cadrage' });

  await test.step('évaluer chaque point, un point non conforme commenté', async () => {
    for (const item of ITEMS) {
      const group = review.getByRole('radiogroup', { name: `Résultat : ${item}` });
      const failing = item.startsWith('Le budget');
      await group.getByText(failing ? 'Non conforme' : 'Conforme', { exact: true }).click();
    }
    await review
      .getByRole('textbox', { name: 'Commentaire : Le budget est chiffré et engagé par la DAF' })
      .fill('Budget non engagé par la DAF');
    await review.getByRole('button', { name: "Clore l'évaluation" }).click();
    await expect(page.getByText('Évaluation close.')).toBeVisible();
    await expect(review).toContainText('taux de conformité 83 %');
    await expect(review).toContainText('Clos');
  });

  await test.step('axe : l’onglet Qualité', async () => {
    const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  });

  await test.step('relever un écart majeur et son action corrective', async () => {
    await review.getByRole('button', { name: 'Relever un écart' }).click();
    await review
      .getByRole('textbox', { name: 'Écart constaté' })
      .fill('Le budget de réalisation n’est pas engagé');
    await review.getByRole('button', { name: "Enregistrer l'écart" }).click();
    await expect(review).toContainText('Suivi des écarts');
    await expect(review).toContainText('Le budget de réalisation n’est pas engagé');
    await review.getByRole('button', { name: 'Ajouter une action corrective' }).click();
    await review
      .getByRole('textbox', { name: 'Action corrective' })
      .fill('Présenter le chiffrage à la DAF');
    await review.getByRole('textbox', { name: 'Échéance' }).fill('15/01/2027');
    await review.getByRole('textbox', { name: 'Échéance' }).press('Tab');
    await review.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await expect(review.getByRole('table', { name: 'Actions correctives' })).toContainText(
      'Thomas Bernard',
    );
  });

  await test.step('l’action réalisée, l’écart est clos et la revue aussi', async () => {
    await review
      .getByRole('combobox', { name: "Statut de l'action : Présenter le chiffrage à la DAF" })
      .click();
    await page.getByRole('option', { name: 'Réalisée' }).click();
    await expect(review.getByRole('button', { name: "Clore l'écart" })).toBeVisible();
    await review.getByRole('button', { name: "Clore l'écart" }).click();
    await expect(review.getByRole('button', { name: "Rouvrir l'écart" })).toBeVisible();
    await expect(review).not.toContainText('Suivi des écarts');
  });

  await test.step('l’écart figure, clos, dans le suivi du portefeuille', async () => {
    await page.goto('/governance/quality?status=closed');
    const row = page
      .getByRole('table', { name: 'Écarts qualité du portefeuille' })
      .getByRole('row')
      .filter({ hasText: code });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Majeur');
    await expect(row).toContainText('1 / 1 réalisée(s)');
  });
});
