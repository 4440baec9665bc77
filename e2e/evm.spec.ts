import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { FINANCE_PROJECT, MANAGER, serverOrigin, signIn } from './helpers.ts';

/*
 * The monthly money cycle: the project manager re-forecasts the month from the Budget tab and
 * reads the SPI/CPI trend; the controller approves it from "Prévisions à valider", tightens the
 * company's EVM thresholds, deletes an exchange rate, publishes a discount rate, and records a
 * realised benefit on a closed project.
 *
 * What it changes that other journeys could read is its own: the project it re-forecasts is not
 * the one whose budget finance.spec edits, the exchange rate it deletes is one it created, and
 * what a previous run published or recorded (the 2027 discount rate, its 2027 benefit) is
 * removed first, so that it runs again on the same server.
 */

const FINANCE = 'sophie.leroy@exemple.fr';

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/**
 * An active project of the demo manager with no re-forecast of the current month yet, other than
 * the one finance.spec budgets (each run takes one: the demo has three).
 */
async function projectToReforecast(page: Page) {
  const res = await page.request.get('/api/v1/projects?limit=100&status=active');
  const items = (await res.json()).items as {
    id: string;
    code: string;
    manager: { name: string } | null;
  }[];
  const candidates = items.filter(
    (i) => i.manager?.name === 'Thomas Bernard' && i.code !== FINANCE_PROJECT,
  );
  for (const p of candidates) {
    const cycle = await (await page.request.get(`/api/v1/projects/${p.id}/forecasts`)).json();
    const live = (cycle.items as { period: string; status: string }[]).some(
      (f) => f.period === cycle.current.period && f.status !== 'rejected',
    );
    if (!live && cycle.current.bac > 0) return p;
  }
  throw new Error('The demo manager has no baselined project left to re-forecast');
}

/** A date of its own for the rate this run deletes (no journey converts that currency). */
function rateDate(): { iso: string; shown: string } {
  const d = new Date(Date.UTC(2000, 0, 1) + Math.floor(Math.random() * 7000) * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  return { iso, shown: iso.split('-').reverse().join('/') };
}

/** Removes what a previous run of this journey published or recorded (none on a fresh demo). */
async function removePreviousRun(api: APIRequestContext, benefitsOf: string | null) {
  const rates = (await (await api.get('/api/v1/finance/discount-rates')).json()) as {
    items: { id: string; effectiveFrom: string; note: string; version: number }[];
  };
  for (const r of rates.items.filter(
    (i) => i.effectiveFrom === '2027-01-01' && i.note === 'Note DAF 2027',
  )) {
    const res = await api.delete(`/api/v1/finance/discount-rates/${r.id}`, {
      headers: { 'If-Match': `"${r.version}"`, Origin: serverOrigin() },
    });
    expect(res.status(), await res.text()).toBe(204);
  }
  if (!benefitsOf) return;
  const benefits = (await (await api.get(`/api/v1/projects/${benefitsOf}/benefits`)).json()) as {
    realisations: { id: string; period: string; comment: string; version: number }[];
  };
  for (const b of benefits.realisations.filter(
    (i) => i.period === '2027' && i.comment === 'Premier trimestre 2027',
  )) {
    const res = await api.delete(`/api/v1/projects/${benefitsOf}/benefits/${b.id}`, {
      headers: { 'If-Match': `"${b.version}"`, Origin: serverOrigin() },
    });
    expect(res.status(), await res.text()).toBe(204);
  }
}

test('cycle mensuel : reprévision, validation, seuils EVM, taux et bénéfices', async ({ page }) => {
  test.setTimeout(300_000);
  let project = { id: '', code: '' };
  const rate = rateDate();
  page.on('dialog', (d) => void d.accept());

  await test.step('le chef de projet lit la tendance SPI/CPI et soumet sa reprévision', async () => {
    await signIn(page, MANAGER);
    project = await projectToReforecast(page);
    await page.goto(`/projects/${project.id}/budget`);
    await expect(page.getByRole('heading', { name: 'Tendance SPI / CPI' })).toBeVisible({
      timeout: 90_000,
    });
    await page
      .getByRole('radiogroup', { name: 'Affichage de la tendance' })
      .getByText('Tableau')
      .click();
    await expect(page.getByRole('table', { name: 'Instantanés de fin de mois' })).toBeVisible();
    await page.getByRole('button', { name: /^Reprévoir/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Reprévision de/ });
    const first = dialog.getByRole('textbox').first();
    await first.fill('12 345,67');
    await dialog
      .getByRole('textbox', { name: 'Commentaire' })
      .fill('Recette décalée de deux semaines');
    await dialog.getByRole('button', { name: 'Soumettre au contrôle de gestion' }).click();
    await expect(dialog).toBeHidden();
    const history = page.getByRole('table', { name: 'Historique des reprévisions' });
    await expect(history.getByRole('row', { name: /Soumise/ }).first()).toContainText(
      'Recette décalée de deux semaines',
    );
    await axe(page);
  });

  await test.step('le contrôle de gestion la valide depuis « Prévisions à valider »', async () => {
    await page.context().clearCookies();
    await signIn(page, FINANCE);
    await removePreviousRun(page.request, null);
    const created = await page.request.post('/api/v1/finance/exchange-rates', {
      data: { currency: 'NOK', validFrom: rate.iso, rate: '0.0852' },
      headers: { Origin: serverOrigin() },
    });
    expect(created.status(), await created.text()).toBe(200);
    await page.goto('/finance');
    await page.getByRole('tab', { name: 'Prévisions à valider' }).click();
    await page
      .getByRole('button', { name: `Décider de la reprévision de ${project.code}` })
      .click();
    const dialog = page.getByRole('dialog');
    // What changed since the last approved forecast, line by line.
    await expect(
      dialog.getByRole('table', { name: 'Reste à faire par ligne budgétaire' }),
    ).toBeVisible();
    await dialog.getByRole('textbox', { name: /Commentaire de décision/ }).fill('Validé en revue');
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('button', { name: `Décider de la reprévision de ${project.code}` }),
    ).toHaveCount(0);
    // The approved forecast is now the lines' ETC: the project's bottom-up EAC says so.
    await page.goto(`/projects/${project.id}/budget`);
    await expect(page.getByText(/EAC = AC \+ RAF des lignes \(prévision validée de/)).toBeVisible({
      timeout: 90_000,
    });
    await page.goto('/finance');
  });

  await test.step('il resserre les seuils de l’entreprise', async () => {
    await page.getByRole('tab', { name: 'Seuils EVM' }).click();
    await page.getByRole('button', { name: 'Modifier' }).first().click();
    const dialog = page.getByRole('dialog', { name: /Seuils EVM/ });
    const spiWatch = dialog.getByRole('textbox', { name: 'SPI — seuil de vigilance' });
    await spiWatch.fill('0,98');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(/SPI : vigilance sous 0,98/).first()).toBeVisible();
    await axe(page);
  });

  await test.step('il supprime un taux de change et publie le taux d’actualisation 2027', async () => {
    await page.getByRole('tab', { name: 'Taux de change' }).click();
    const remove = page.getByRole('button', { name: `Supprimer le taux NOK du ${rate.shown}` });
    await remove.click();
    await expect(remove).toHaveCount(0);
    await page.getByRole('tab', { name: "Taux d'actualisation" }).click();
    await page.getByRole('textbox', { name: "Date d'effet" }).fill('01/01/2027');
    await page.getByRole('textbox', { name: 'Taux' }).fill('7,25');
    await page.getByRole('textbox', { name: 'Justification' }).fill('Note DAF 2027');
    await page.getByRole('button', { name: 'Publier' }).click();
    await expect(page.getByRole('row', { name: /01\/01\/2027 7,25 %/ })).toBeVisible();
  });

  await test.step('il saisit un bénéfice réalisé sur un projet clôturé', async () => {
    await page.getByRole('tab', { name: 'Bénéfices' }).click();
    const link = page.getByRole('table', { name: 'Par projet' }).getByRole('link').first();
    await link.click();
    await expect(page.getByRole('heading', { name: 'Suivi des bénéfices' })).toBeVisible();
    const closed = /\/projects\/([^/]+)\/benefits/.exec(page.url())?.[1] ?? null;
    expect(closed, page.url()).not.toBeNull();
    await removePreviousRun(page.request, closed);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Suivi des bénéfices' })).toBeVisible();
    await page.getByRole('button', { name: 'Saisir un bénéfice réalisé' }).click();
    const dialog = page.getByRole('dialog', { name: 'Saisir un bénéfice réalisé' });
    await dialog.getByRole('textbox', { name: 'Période' }).fill('2027');
    await dialog.getByRole('textbox', { name: 'Montant' }).fill('50 000');
    await dialog.getByRole('textbox', { name: 'Commentaire' }).fill('Premier trimestre 2027');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page
        .getByRole('table', { name: 'Bénéfices réalisés saisis' })
        .getByRole('row', { name: /2027/ }),
    ).toContainText('50 000,00');
    await axe(page);
  });
});
