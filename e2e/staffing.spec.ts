import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { apiSession, PMO, signIn } from './helpers.ts';

interface ResourceRequest {
  project: { id: string };
  skills: { skillId: string; minLevel: number }[];
  start: string;
  finish: string;
  unit: 'hours' | 'fte';
  amount: number;
  priority: string;
  comment: string;
}

/*
 * The PMO staffs a resource request from the ranking of candidates, in French: open the
 * requests inbox, rank who fits the SAP FI/CO request (skills, availability, cost, and why),
 * choose the first candidate and propose them; then look for who is free with a skill, and at
 * the skill gaps of the coming quarters.
 *
 * The request staffed is this run's own copy of the demo's SAP FI/CO request (same project,
 * skills, dates, amount and priority), submitted through the API: a request staffed leaves the
 * inbox, so the demo's would serve one run only.
 */
test('le PMO pourvoit une demande depuis le classement des candidats, puis regarde les disponibles et les écarts', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const api = await apiSession(baseURL!, PMO);
  const inbox = (await (await api.get('/api/v1/resource-requests?limit=100')).json()) as {
    items: ResourceRequest[];
  };
  const demo = inbox.items.find(
    (r) => r.comment === 'Expert SAP FI/CO pour la refonte du plan de comptes',
  );
  expect(demo, 'the demo’s SAP FI/CO request').toBeTruthy();
  const comment = `Expert SAP FI/CO pour la refonte du plan de comptes (${Math.random().toString(36).slice(2, 7)})`;
  const created = await api.post(`/api/v1/projects/${demo!.project.id}/resource-requests`, {
    data: {
      skills: demo!.skills.map(({ skillId, minLevel }) => ({ skillId, minLevel })),
      start: demo!.start,
      finish: demo!.finish,
      unit: demo!.unit,
      amount: demo!.amount,
      priority: demo!.priority,
      comment,
      submit: true,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  await api.dispose();

  await test.step('ouvrir la demande SAP et classer les candidats', async () => {
    await signIn(page, PMO);
    await page.goto('/resources/requests');
    // The page's code and the inbox load slowly on a loaded machine.
    await expect(page.getByRole('tab', { name: 'Demandes', selected: true })).toBeVisible({
      timeout: 90_000,
    });
    const row = page.getByRole('row').filter({ hasText: comment });
    await expect(row).toBeVisible({ timeout: 60_000 });
    await row.getByRole('button', { name: /^Affecter une personne/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Répondre par une affectation' });
    await expect(dialog.getByText('Candidats classés')).toBeVisible();
    await expect(dialog.getByText(/^Besoin : .+ h sur \d+ jours ouvrés/)).toBeVisible({
      timeout: 60_000,
    });
    // The reasons are sentences: the skill asked and the level held (or missing).
    await expect(dialog.getByText(/^SAP FI : (niveau \d|non détenue)/).first()).toBeVisible();
  });

  let chosen = '';
  await test.step('changer la pondération, choisir le premier et proposer une affectation', async () => {
    const dialog = page.getByRole('dialog', { name: 'Répondre par une affectation' });
    await dialog.getByText("Compétences d'abord").click();
    const first = dialog.getByRole('button', { name: /^Choisir / }).first();
    chosen = ((await first.getAttribute('aria-label')) ?? '').replace(/^Choisir /, '');
    expect(chosen).not.toBe('');
    await first.click();
    await expect(dialog.getByRole('combobox', { name: 'Personne' })).toHaveValue(chosen);
    await dialog.getByRole('button', { name: 'Affecter', exact: true }).click();
    await expect(page.getByText('Affectation enregistrée')).toBeVisible();
    // 80 % of a 0,8 FTE request: it is now staffed, under « Pourvues ».
    await page.getByText('Pourvues', { exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: comment });
    await expect(row.getByText(`${chosen} (Proposée)`)).toBeVisible();
  });

  await test.step('les disponibles : qui est libre en Java, en graphique puis en tableau', async () => {
    await page.getByRole('tab', { name: 'Disponibles' }).click();
    await page.getByRole('combobox', { name: 'Charge maximale' }).click();
    await page.getByRole('option', { name: '≤ 100 %' }).click();
    await page.getByRole('combobox', { name: 'Compétence' }).click();
    await page.getByRole('option', { name: 'Java', exact: true }).click();
    await expect(page.getByText(/personnes disponibles du/)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('img', { name: /h libres sur la période/ }).first()).toBeVisible();
    await page.getByText('Tableau', { exact: true }).click();
    await expect(page.getByRole('columnheader', { name: 'Niveau' })).toBeVisible();
  });

  await test.step('les écarts de compétences par trimestre', async () => {
    await page.getByRole('tab', { name: 'Écarts de compétences' }).click();
    await expect(
      page.getByRole('table', { name: 'Écarts de compétences par trimestre' }),
    ).toBeVisible();
    await expect(page.getByText('Décisionnel (Power BI)').first()).toBeVisible();
    await expect(page.getByText(/^(Manque|Couvert)/).first()).toBeVisible();
  });

  await test.step('accessibilité (axe)', async () => {
    const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
      );
    expect(serious).toEqual([]);
  });
});
