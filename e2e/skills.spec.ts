import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiSession, login, PMO, signIn } from './helpers.ts';

interface Session {
  id: string;
  course: { id: string; title: string };
  start: string;
  status: string;
}

/**
 * This run's own session of the demo's Power BI course, with the people enrolled in the demo's
 * (approved at once: the PMO enrols them), on three days of a week of its own far ahead: a session
 * cancelled stays cancelled, so the demo's would serve one run only. Returns how the page names
 * its cancel button.
 */
async function powerBiSessionToCancel(api: APIRequestContext): Promise<string> {
  const sessions = (await (await api.get('/api/v1/training/sessions')).json()) as {
    items: Session[];
  };
  const demo = sessions.items.find(
    (x) => x.course.title.startsWith('Power BI') && x.status === 'planned',
  );
  expect(demo, 'the demo’s Power BI session').toBeTruthy();
  const enrolments = (await (await api.get('/api/v1/training/enrolments')).json()) as {
    items: { session: { id: string }; person: { id: string }; status: string }[];
  };
  const people = enrolments.items
    .filter((e) => e.session.id === demo!.id && e.status === 'approved')
    .map((e) => e.person.id);
  expect(people.length, 'people enrolled in the demo’s Power BI session').toBeGreaterThan(0);
  // A Monday of 2029–2033 (1 January 2029 is one), Monday to Wednesday.
  const monday = new Date(Date.UTC(2029, 0, 1) + Math.floor(Math.random() * 260) * 7 * 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const start = day(monday);
  const created = await api.post('/api/v1/training/sessions', {
    data: {
      courseId: demo!.course.id,
      start,
      finish: day(new Date(monday.getTime() + 2 * 86_400_000)),
      seats: 8,
      place: 'Classe virtuelle',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const session = (await created.json()) as Session;
  for (const personId of people) {
    const res = await api.post('/api/v1/training/enrolments', {
      data: { sessionId: session.id, personId },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  return `Annuler la session ${demo!.course.title} du ${start.split('-').reverse().join('/')}`;
}

/*
 * The PMO's everyday use of the skills matrix, in French: find who masters a skill at a given
 * level, spot an expired certification, and record a new assessment from the matrix with the
 * keyboard.
 */
test('le PMO cherche des experts dans la matrice des compétences et enregistre une évaluation', async ({
  page,
}) => {
  test.setTimeout(180_000);

  await test.step('ouvrir la matrice des compétences', async () => {
    await login(page, PMO);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Ressources' })
      .click();
    await expect(page.getByRole('tab', { name: 'Compétences', exact: true })).toBeVisible();
    // Straight to the tab: the capacity plan behind the first tab is slow on a loaded machine.
    await page.goto('/resources/skills');
    await expect(
      page.getByRole('tab', { name: 'Compétences', exact: true, selected: true }),
    ).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Matrice' })).toBeChecked();
    await expect(page.getByRole('columnheader', { name: 'Java' })).toBeVisible();
  });

  await test.step('repérer une certification expirée dans la matrice complète', async () => {
    await expect(
      page.getByRole('button', { name: /certification expirée le \d{2}\/\d{2}\/\d{4}$/ }).first(),
    ).toBeVisible();
  });

  await test.step('filtrer : Cybersécurité, niveau 4 et plus', async () => {
    await page.getByRole('combobox', { name: 'Domaine' }).click();
    await page.getByRole('option', { name: 'Cybersécurité' }).click();
    await page.getByRole('combobox', { name: 'Niveau minimum' }).click();
    await page.getByRole('option', { name: /≥ 4/ }).click();
    await expect(page.getByRole('columnheader', { name: 'Java' })).toHaveCount(0);
    await expect(page.getByRole('columnheader', { name: 'ISO 27001' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^[45] — / }).first()).toBeVisible();
  });

  await test.step('évaluer une personne au clavier depuis la matrice', async () => {
    // A skill of the filtered domain that some of these people do not hold yet.
    const empty = page
      .getByRole('button', { name: /^Évaluer .+ en Détection et réponse \(SOC\)$/ })
      .first();
    const label = (await empty.getAttribute('aria-label'))!;
    const person = /^Évaluer (.+) en Détection et réponse \(SOC\)$/.exec(label)![1]!;
    await empty.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: `Compétences de ${person}` });
    await expect(drawer).toBeVisible();
    await drawer.getByRole('combobox', { name: 'Niveau' }).click();
    await page.getByRole('option', { name: /^4 — / }).click();
    await drawer.getByRole('combobox', { name: 'Source' }).click();
    await page.getByRole('option', { name: 'Évaluation du manager' }).click();
    await drawer.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Compétence enregistrée')).toBeVisible();
    await expect(drawer.getByText('Détection et réponse (SOC)', { exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(
      page.getByRole('button', {
        name: new RegExp(`^4 — Détection et réponse \\(SOC\\), ${person} :`),
      }),
    ).toBeVisible();
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

/*
 * The PMO turns a skill gap into a development goal, moves a training session, cancels another
 * (the people enrolled are told and get their days back), then looks at the training costs by
 * department, in French.
 */
test('le PMO crée un objectif depuis un écart, déplace et annule des sessions, et lit les coûts de formation', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const api = await apiSession(baseURL!, PMO);
  const cancelName = await powerBiSessionToCancel(api);
  await api.dispose();

  await test.step('un objectif de développement depuis un manque de compétence', async () => {
    await signIn(page, PMO);
    await page.goto('/resources/gaps');
    await expect(
      page.getByRole('tab', { name: 'Écarts de compétences', selected: true }),
    ).toBeVisible({ timeout: 60_000 });
    const create = page.getByRole('button', { name: /^Créer un objectif de développement en / });
    await expect(create.first()).toBeVisible({ timeout: 30_000 });
    await create.first().click();
    const dialog = page.getByRole('dialog', { name: 'Objectif de développement' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Personne' }).fill('Martin');
    await page.getByRole('option', { name: /Claire Martin/ }).click();
    await expect(dialog.getByRole('textbox', { name: 'Note' })).toHaveValue(
      /^Écarts de compétences T\d \d{4} : (manque|couvert)/,
    );
    await dialog.getByRole('button', { name: "Créer l'objectif" }).click();
    await expect(page.getByText('Objectif ajouté au plan de développement.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'CSV' }).first()).toHaveAttribute(
      'href',
      /\/api\/v1\/staffing\/skill-gaps\/export\?.*format=csv&locale=fr/,
    );
  });

  await test.step('déplacer une session : les inscrits sont prévenus', async () => {
    await page.goto('/resources/training');
    await expect(page.getByRole('tab', { name: 'Formation', selected: true })).toBeVisible({
      timeout: 60_000,
    });
    await page.getByRole('button', { name: /^Modifier la session Scrum Master/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Modifier la session' });
    await dialog.getByRole('textbox', { name: 'Lieu' }).fill('Lyon — Part-Dieu');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Session modifiée.')).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Lyon — Part-Dieu' })).toBeVisible();
  });

  await test.step('annuler une session, avec un motif', async () => {
    await page.getByRole('button', { name: cancelName }).click();
    const dialog = page.getByRole('dialog', { name: 'Annuler la session' });
    await expect(dialog.getByText(/sera annulée/)).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Motif' }).fill('Formateur indisponible');
    await dialog.getByRole('button', { name: 'Annuler la session', exact: true }).click();
    await expect(page.getByText('Session annulée, les inscrits sont prévenus.')).toBeVisible();
    await expect(page.getByText('Annulée', { exact: true }).first()).toBeVisible();
  });

  await test.step('inscriptions : les jours d’arrêt maladie et les jours suivis', async () => {
    // The demo's October ISO 27001 session: one participant was off sick on its Tuesday.
    await page.getByText('Inscriptions', { exact: true }).click();
    await expect(page.getByText('Absent (maladie) : 13/10/2026')).toBeVisible();
    await expect(page.getByText('Présent : 12/10/2026, 14/10/2026 – 16/10/2026')).toBeVisible();
    // Sessions still to come: attendance is recorded once they have started.
    await expect(page.getByText(/^Présence à saisir à partir du /).first()).toBeVisible();
  });

  await test.step('les coûts de formation par entité, en graphique puis en tableau', async () => {
    await page.getByText('Coûts de formation', { exact: true }).click();
    await expect(page.getByRole('heading', { name: /^2026 : .*€/ })).toBeVisible();
    await page.getByText('Tableau', { exact: true }).click();
    await expect(page.getByRole('table', { name: 'Coûts de formation' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Total' }).first()).toBeVisible();
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa'])
      .setLegacyMode(true)
      .analyze();
    expect(axe.violations).toEqual([]);
  });
});
