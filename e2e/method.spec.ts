import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, type Page, test } from '@playwright/test';
import { apiSession, PMO, signIn, uniqueCode } from './helpers.ts';

/*
 * The PMO's method governance, in French: the company catalogue of standard milestones, moving
 * a project to the newer version of its method (the preview lists the WBS items the plan gains,
 * then the move), the gate review asking for the standard milestone and for the lessons learned
 * before the closure gate, the evidence the standard milestone J1 requires (reached without it,
 * it is still missing; once a link is attached it counts), and the backlog scenario dialog
 * (Stratégie › Scénarios).
 */
test.setTimeout(300_000);
test.use({ actionTimeout: 60_000, navigationTimeout: 60_000 });
const expect = baseExpect.configure({ timeout: 60_000 });

async function noSeriousViolations(page: Page, scope?: string) {
  // Legacy mode runs axe in the page itself, without a blank page per run to merge frames (the
  // app has no frames): the same rules, about half the time here.
  const builder = new AxeBuilder({ page }).setLegacyMode(true);
  const results = await (scope ? builder.include(scope) : builder).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

const content = (withReview: boolean) => ({
  phases: [
    {
      key: 'cadrage',
      name: 'Cadrage',
      deliverables: [],
      gate: { name: 'Clôture', approvers: ['pmo'], criteria: [] },
      wbs: [
        { name: 'Étude d’opportunité', duration: 3, children: [] },
        ...(withReview ? [{ name: 'Revue d’architecture', duration: 2, children: [] }] : []),
        { name: 'COPIL de lancement', duration: 0, children: [], milestone: 'J1' },
      ],
    },
  ],
  roles: [],
  documents: [],
  ceremonies: [],
});

test('le PMO fait évoluer la méthode d’un projet et prépare sa clôture', async ({
  page,
  baseURL,
}) => {
  const code = uniqueCode('PRJ-MET');
  const api = await apiSession(baseURL!, PMO);
  const portfolios = (await (await api.get('/api/v1/portfolios')).json()) as {
    items: { id: string; name: string }[];
  };
  const portfolio = portfolios.items.find((p) => p.name === 'Transformation numérique')!;
  const methodCode = code.replace(/[^A-Z0-9-]/g, '').slice(0, 20);
  const method = await api.post('/api/v1/methodologies', {
    data: {
      code: methodCode,
      name: `Méthode ${methodCode}`,
      kind: 'waterfall',
      content: content(false),
    },
  });
  expect(method.status(), await method.text()).toBe(201);
  const m = (await method.json()) as { id: string; version: number };
  const created = await api.post('/api/v1/projects', {
    data: { code, name: `Refonte du portail ${code}`, portfolioId: portfolio.id, status: 'active' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const projectId = ((await created.json()) as { id: string }).id;
  const applied = await api.post(`/api/v1/projects/${projectId}/governance`, {
    data: { methodologyId: m.id, createWbs: true },
  });
  expect(applied.status(), await applied.text()).toBe(201);
  const v2 = await api.post(`/api/v1/methodologies/${m.id}/versions`, {
    headers: { 'If-Match': `"${m.version}"` },
    data: { notes: 'Revue d’architecture avant le lancement', content: content(true) },
  });
  expect(v2.status(), await v2.text()).toBe(201);

  await signIn(page, PMO);

  await test.step('le référentiel : jalons standard partagés', async () => {
    await page.goto('/governance/standards');
    await expect(page.getByRole('cell', { name: 'J1', exact: true })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'MEP', exact: true })).toBeVisible();
    await noSeriousViolations(page);
  });

  await test.step('passer à la v2 : l’aperçu annonce la tâche ajoutée au planning', async () => {
    await page.goto(`/projects/${projectId}/governance`);
    await page.getByRole('button', { name: 'Passer à la v2' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('migration-wbs')).toContainText(
      '« Revue d’architecture » dans Cadrage',
    );
    await noSeriousViolations(page, '[role="dialog"]');
    await dialog.getByRole('button', { name: 'Passer à la v2' }).click();
    await expect(page.getByText('Le projet suit désormais la v2 de sa méthode.')).toBeVisible();
    const plan = (await (await api.get(`/api/v1/projects/${projectId}/plan`)).json()) as {
      tasks: { name: string }[];
    };
    expect(plan.tasks.map((t) => t.name)).toContain('Revue d’architecture');
  });

  await test.step('la revue de jalon : jalon standard à atteindre et REX exigé', async () => {
    await expect(page.getByTestId('gate-milestones')).toContainText('J1 — ');
    await expect(page.getByTestId('gate-milestones')).toContainText('Prévu');
    await expect(
      page.getByText(/Le jalon de clôture demande au moins une leçon apprise/),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ouvrir le REX' })).toBeVisible();
    await noSeriousViolations(page);
  });

  await test.step('la preuve du jalon J1 : atteint sans preuve, il manque encore ; le lien joint, il compte', async () => {
    // The COPIL de lancement held (the standard milestone J1 of the demo requires evidence).
    const plan = (await (await api.get(`/api/v1/projects/${projectId}/plan`)).json()) as {
      tasks: { id: string; name: string; version: number }[];
    };
    const copil = plan.tasks.find((t) => t.name === 'COPIL de lancement')!;
    const reached = await api.patch(`/api/v1/projects/${projectId}/plan/tasks/${copil.id}`, {
      headers: { 'If-Match': `"${copil.version}"` },
      data: { percentComplete: 100 },
    });
    expect(reached.status(), await reached.text()).toBe(200);
    await page.reload();
    const milestones = page.getByTestId('gate-milestones');
    await expect(milestones).toContainText('Atteint');
    await expect(milestones).toContainText('Preuve manquante');
    const missing = page.getByRole('alert').filter({ hasText: 'Ce qui manque' });
    await expect(missing).toContainText(/J1 — .*\(atteint, preuve manquante\)/);
    const readiness = async () => {
      const text = await page.getByText(/^Préparation : \d+ sur \d+$/).textContent();
      return Number(/(\d+) sur/.exec(text ?? '')![1]);
    };
    const doneBefore = await readiness();

    await milestones.getByRole('button', { name: 'Joindre une preuve au jalon J1' }).click();
    const dialog = page.getByRole('dialog', { name: /Preuve du jalon J1/ });
    await dialog.getByText('Lien', { exact: true }).click();
    await dialog
      .getByLabel('Adresse (http ou https)')
      .fill('https://ged.exemple.fr/projets/copil-lancement-pv.pdf');
    await dialog.getByLabel('Commentaire (facultatif)').fill('PV du COPIL de lancement signé');
    await noSeriousViolations(page, '[role="dialog"]');
    await dialog.getByRole('button', { name: 'Joindre', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(milestones).toContainText('Preuve jointe');
    await expect(page.getByText(/\(atteint, preuve manquante\)/)).toHaveCount(0);
    await expect(page.getByRole('alert').filter({ hasText: /J1 — / })).toHaveCount(0);
    await expect.poll(readiness).toBe(doneBefore + 1);
    // The project's standards list the evidence with who attached it.
    const standards = (await (await api.get(`/api/v1/projects/${projectId}/standards`)).json()) as {
      milestones: { milestone: { code: string }; evidence: { url: string | null }[] }[];
    };
    expect(
      standards.milestones.find((m) => m.milestone.code === 'J1')?.evidence.map((e) => e.url),
    ).toEqual(['https://ged.exemple.fr/projets/copil-lancement-pv.pdf']);
  });

  await test.step('Stratégie › Scénarios : le scénario depuis les demandes', async () => {
    await page.goto('/strategy/scenarios');
    await page.getByRole('button', { name: 'Depuis les demandes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scénario construit depuis les demandes' });
    await expect(dialog.getByLabel('Nom du scénario')).toBeVisible();
    await noSeriousViolations(page, '[role="dialog"]');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});
