import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CONTRIBUTOR, PMO, signIn } from './helpers.ts';

/*
 * The project page's navigation: six sections (« Pilotage / Planning / Ressources / Finances /
 * Risques / Gouvernance ») on a first row of tabs, the pages of the chosen section on a second
 * row; every page has its own URL, a section reopens on the page last opened in it, and the
 * finance section is not shown to someone who cannot read the budget.
 */

async function noSeriousAxeViolation(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

test('le PMO parcourt les rubriques d’un projet, par la souris, le clavier et les liens', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const sections = page.getByRole('tablist', { name: 'Rubriques du projet' });
  const section = (name: string) => sections.getByRole('tab', { name, exact: true });
  const pagesOf = (name: string) =>
    page.getByRole('tablist', { name: `Pages de la rubrique ${name}` });
  let projectId = '';

  await test.step('ouvrir « Refonte du CRM » : Pilotage, vue d’ensemble', async () => {
    await signIn(page, PMO);
    const res = await page.request.get('/api/v1/projects', { params: { q: 'Refonte du CRM' } });
    projectId = ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
    await page.goto(`/projects/${projectId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Refonte du CRM' })).toBeVisible({
      timeout: 60_000,
    });
    await expect(sections.getByRole('tab')).toHaveText([
      'Pilotage',
      'Planning',
      'Ressources',
      'Finances',
      'Risques',
      'Gouvernance',
    ]);
    await expect(section('Pilotage')).toHaveAttribute('aria-selected', 'true');
    await expect(pagesOf('Pilotage').getByRole('tab')).toHaveText([
      "Vue d'ensemble",
      'Tableau de bord',
      'Météo',
      'Stratégie',
      /^Sous-projets/,
    ]);
    await expect(
      pagesOf('Pilotage').getByRole('tab', { name: "Vue d'ensemble", selected: true }),
    ).toBeVisible();
    await noSeriousAxeViolation(page, 'la vue d’ensemble et ses deux rangées d’onglets');
  });

  await test.step('Finances puis Bénéfices ; la rubrique rouvre la page quittée', async () => {
    await section('Finances').click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/budget$`));
    await expect(pagesOf('Finances').getByRole('tab', { name: 'Budget' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    // The budget grid is heavy to draw on a loaded machine: let it settle before the next click.
    await expect(page.getByRole('heading', { name: 'Budget par ligne et par mois' })).toBeVisible({
      timeout: 60_000,
    });
    await pagesOf('Finances').getByRole('tab', { name: 'Bénéfices' }).click({ timeout: 60_000 });
    await expect(page).toHaveURL(/\/benefits$/);
    await expect(page.getByRole('heading', { name: 'Suivi des bénéfices' })).toBeVisible({
      timeout: 60_000,
    });
    await section('Risques').click();
    await expect(page).toHaveURL(/\/risks$/);
    await expect(pagesOf('Risques').getByRole('tab')).toHaveText([
      'Registre RAID',
      'Risque planning',
    ]);
    await section('Finances').click();
    await expect(page).toHaveURL(/\/benefits$/);
  });

  await test.step('Planning n’a qu’une page : pas de seconde rangée, le Gantt et ses vues', async () => {
    await section('Planning').click();
    await expect(page).toHaveURL(/\/planning$/);
    await expect(pagesOf('Planning')).toHaveCount(0);
    await expect(page.getByRole('tab', { name: 'Gantt' })).toBeVisible();
  });

  await test.step('au clavier : flèches dans les rubriques, Tab vers leurs pages', async () => {
    await section('Planning').focus();
    await page.keyboard.press('ArrowRight');
    await expect(section('Ressources')).toBeFocused();
    await expect(section('Ressources')).toHaveAttribute('aria-selected', 'true');
    await expect(page).toHaveURL(/\/members$/);
    await page.keyboard.press('Tab');
    await expect(pagesOf('Ressources').getByRole('tab', { name: 'Membres' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/\/load$/);
    await expect(pagesOf('Ressources').getByRole('tab', { name: 'Charge' })).toBeFocused();
  });

  await test.step('un lien profond ouvre sa rubrique et sa page ; un nom inconnu la vue d’ensemble', async () => {
    await page.goto(`/projects/${projectId}/quality`);
    await expect(section('Gouvernance')).toHaveAttribute('aria-selected', 'true', {
      timeout: 30_000,
    });
    await expect(pagesOf('Gouvernance').getByRole('tab')).toHaveText([
      'Phases et jalons',
      'Qualité',
      'REX',
      'Historique',
    ]);
    await expect(pagesOf('Gouvernance').getByRole('tab', { name: 'Qualité' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await page.goto(`/projects/${projectId}/pas-un-onglet`);
    await expect(section('Pilotage')).toHaveAttribute('aria-selected', 'true', {
      timeout: 30_000,
    });
    await expect(
      pagesOf('Pilotage').getByRole('tab', { name: "Vue d'ensemble", selected: true }),
    ).toBeVisible();
  });
});

test('un contributeur ne voit pas la rubrique Finances, ni par un lien profond', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, CONTRIBUTOR);
  const res = await page.request.get('/api/v1/projects');
  const first = ((await res.json()) as { items: { id: string }[] }).items[0]!;
  await page.goto(`/projects/${first.id}/budget`);
  const sections = page.getByRole('tablist', { name: 'Rubriques du projet' });
  await expect(sections.getByRole('tab', { name: 'Pilotage', selected: true })).toBeVisible({
    timeout: 60_000,
  });
  await expect(sections.getByRole('tab')).toHaveText([
    'Pilotage',
    'Planning',
    'Ressources',
    'Risques',
    'Gouvernance',
  ]);
});
