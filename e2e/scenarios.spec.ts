import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiSession, PMO, signIn } from './helpers.ts';

interface Request {
  id: string;
  title: string;
  version: number;
  effortByTeam: { team: { id: string; name: string }; days: number }[];
}

/**
 * This run's own copy of the demo's backlog scenario, built as the demo builds it (same
 * parameters): from the requests while the mobile app still has its first split by team, which
 * is then revised to today's (420 days of development, 100 of sales). A scenario refreshed stays
 * so: the demo's would serve one run only.
 */
async function backlogScenarioOfItsOwn(api: APIRequestContext, name: string) {
  const scenarios = (await (await api.get('/api/v1/strategy/scenarios')).json()) as {
    items: { id: string; name: string }[];
  };
  const demo = scenarios.items.find((x) => x.name === 'Backlog 2027 — capacité des équipes');
  expect(demo, 'the demo’s backlog scenario').toBeTruthy();
  const { backlog } = (await (await api.get(`/api/v1/strategy/scenarios/${demo!.id}`)).json()) as {
    backlog: Record<string, unknown> | null;
  };
  expect(backlog, 'the build parameters of the demo’s backlog scenario').toBeTruthy();
  const mobile = async () => {
    const res = await api.get('/api/v1/strategy/requests', { params: { limit: 100 } });
    const items = ((await res.json()) as { items: Request[] }).items;
    return items.find((r) => r.title.startsWith('Application mobile'))!;
  };
  const setSplit = async (split: (team: string, days: number) => number) => {
    const r = await mobile();
    const effortByTeam = r.effortByTeam.map((e) => ({
      teamId: e.team.id,
      days: split(e.team.name, e.days),
    }));
    const res = await api.patch(`/api/v1/strategy/requests/${r.id}`, {
      headers: { 'If-Match': `"${r.version}"` },
      data: { effortByTeam, roughEffortDays: effortByTeam.reduce((a, e) => a + e.days, 0) },
    });
    expect(res.status(), await res.text()).toBe(200);
  };
  const revised = (await mobile()).effortByTeam;
  // The estimate before the workshop with the sales team: 300 days of development, 80 of sales.
  await setSplit((team, days) =>
    team.startsWith('Pôle Études') ? 300 : team.startsWith('Équipe Commerce') ? 80 : days,
  );
  const created = await api.post('/api/v1/strategy/scenarios/from-backlog', {
    data: { ...backlog, name, description: 'Copie du scénario de la démo (parcours e2e).' },
  });
  expect(created.status(), await created.text()).toBe(201);
  await setSplit((team) => revised.find((e) => e.team.name === team)!.days);
}

/*
 * Scoring, in French: the PMO opens the arbitration committee's ranking, reads why the mobile
 * ordering app divides the evaluators, builds a new scoring model with two criteria and scores
 * a request in evaluation with it, which then tops that model's ranking. Then she refreshes the
 * backlog scenario (this run's copy of the demo's): the preview shows the mobile app's revised
 * effort by team (nothing saved yet), she applies it, and a second preview finds nothing left
 * to change.
 */

async function expectNoSeriousAxe(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

test('le PMO lit le classement expliqué, crée une grille et note une demande', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const suffix = Math.random().toString(36).slice(2, 7);
  const name = `Grille express ${suffix}`;
  const scenario = `Backlog 2027 — capacité des équipes (${suffix})`;
  const api = await apiSession(baseURL!, PMO);
  await backlogScenarioOfItsOwn(api, scenario);
  await api.dispose();

  await test.step('le classement du comité d’arbitrage, expliqué', async () => {
    await signIn(page, PMO);
    await page.goto('/strategy/scoring');
    // The strategy chunk can take a while on a loaded machine.
    await expect(
      page.getByRole('tab', { name: 'Notation des demandes et projets' }),
    ).toHaveAttribute('aria-selected', 'true', { timeout: 60_000 });
    await expect(page.getByRole('combobox', { name: 'Grille de notation' })).toHaveValue(
      'Grille du comité d’arbitrage 2027',
    );
    const table = page.getByRole('table').first();
    const mobile = table.getByRole('row', { name: /Application mobile/ });
    await expect(mobile.getByText('Désaccord')).toBeVisible();
    await mobile.getByRole('button', { name: /Expliquer la note de DEM-/ }).click();
    const explanation = page.getByRole('table', { name: /Détail de la note de DEM-/ });
    await expect(explanation.getByRole('row', { name: /Alignement stratégique/ })).toBeVisible();
    await expect(explanation.getByRole('columnheader', { name: 'Nicolas Durand' })).toBeVisible();
    await expectNoSeriousAxe(page, 'le classement expliqué');
  });

  await test.step('le PMO crée une grille à deux critères', async () => {
    await page.getByRole('button', { name: 'Nouvelle grille' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle grille' });
    await dialog.getByRole('textbox', { name: 'Nom de la grille' }).fill(name);
    await dialog.getByRole('textbox', { name: 'Libellé du critère' }).fill('Valeur métier');
    await dialog.getByRole('button', { name: 'Ajouter un critère' }).click();
    await dialog.getByRole('textbox', { name: 'Libellé du critère' }).nth(1).fill('Risque');
    await dialog.getByLabel('Sens', { exact: true }).nth(1).click();
    await page.getByRole('option', { name: /moins bien/ }).click();
    await expectNoSeriousAxe(page, 'l’éditeur de grille');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('combobox', { name: 'Grille de notation' })).toHaveValue(name);
  });

  await test.step('il note une demande en évaluation, qui passe en tête', async () => {
    const row = page
      .getByRole('table')
      .first()
      .getByRole('row', { name: /DEM-\d+ Bilan carbone/ });
    await row.getByRole('button', { name: 'Noter' }).click();
    const sheet = page.getByRole('dialog', { name: /Ma notation — DEM-/ });
    await sheet
      .getByRole('radiogroup', { name: /Valeur métier/ })
      .getByRole('radio', { name: '3 — Fort' })
      .check();
    await sheet
      .getByRole('radiogroup', { name: /Risque/ })
      .getByRole('radio', { name: '0 — Nul' })
      .check();
    await sheet.getByRole('button', { name: 'Enregistrer ma notation' }).click();
    await expect(sheet).toBeHidden();
    const top = page.getByRole('table').first().getByRole('row').nth(1);
    await expect(top).toContainText('Bilan carbone');
    await expect(top).toContainText('100');
    await expect(top.getByRole('button', { name: 'Modifier ma note' })).toBeVisible();
  });

  await test.step('il actualise le scénario « Backlog 2027 » depuis les demandes', async () => {
    await page.getByRole('tab', { name: 'Scénarios de portefeuille' }).click();
    const picker = page.getByRole('combobox', { name: 'Scénario', exact: true });
    await picker.click();
    await page.getByRole('option', { name: scenario }).click();
    await expect(picker).toHaveValue(scenario);
    await page.getByRole('button', { name: 'Actualiser depuis le backlog' }).click();
    const dialog = page.getByRole('dialog', { name: 'Actualiser le scénario depuis les demandes' });
    // The mobile app's split was revised after the scenario was built: 300 → 420 days of
    // development, 80 → 100 of sales; the preview shows it, before → after, and saves nothing.
    await expect(dialog.getByText('1 modifié(s)')).toBeVisible({ timeout: 30_000 });
    const mobile = dialog.getByRole('row', { name: /Application mobile/ });
    await expect(mobile).toContainText('charge par équipe');
    await expect(mobile.getByRole('cell').nth(2)).toContainText('ETUDES');
    await expectNoSeriousAxe(page, 'l’aperçu de l’actualisation');
    await dialog.getByRole('button', { name: 'Appliquer' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByText("Ce scénario n'a pas encore été optimisé", { exact: false }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Actualiser depuis le backlog' }).click();
    await expect(dialog.getByText(/Rien n.a changé depuis la construction/)).toBeVisible({
      timeout: 30_000,
    });
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect(dialog).toBeHidden();
  });
});
