import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { frenchPublicHolidays } from '../src/core/calendar/holidays-fr.ts';
import { CONTRIBUTOR, login, MANAGER, signIn } from './helpers.ts';

/*
 * The weekly CRA, in French: Julie Petit fills her week on the CRM project with the keyboard
 * only (comma and dot decimals, 7h30, arrows, Tab, Enter), saves with Ctrl+S, submits; Thomas
 * Bernard, the project's manager (the demo approves per project manager), approves it; Julie
 * sees it approved.
 *
 * The week is one of this run's own: the browser's clock is set to a Wednesday of a week drawn
 * far ahead (2030–2049) with no public holiday, and the page opens on « this » week as it
 * always does. A week submitted and approved stays so, and the server lets nobody take it back:
 * the real current week would serve one run only.
 */

/** A Monday of 2030–2049 whose Monday to Friday holds no French public holiday. */
function mondayOfItsOwn(): Date {
  const first = Date.UTC(2029, 11, 31); // a Monday
  for (;;) {
    const monday = new Date(first + Math.floor(Math.random() * 1040) * 7 * 86_400_000);
    const days = [0, 1, 2, 3, 4].map((i) =>
      new Date(monday.getTime() + i * 86_400_000).toISOString().slice(0, 10),
    );
    const holidays = new Set(
      [...new Set(days.map((d) => Number(d.slice(0, 4))))].flatMap((y) => frenchPublicHolidays(y)),
    );
    if (days.every((d) => !holidays.has(d))) return monday;
  }
}

async function logout(page: Page, name: string) {
  await page.getByRole('button', { name: `Menu de ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/login/);
}

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
    );
  expect(serious, `axe on ${what}`).toEqual([]);
}

test('une contributrice saisit sa semaine au clavier et la soumet ; le chef de projet la valide', async ({
  page,
}) => {
  // Two people, a save, a refusal, a submission and an approval on a small shared machine.
  test.setTimeout(180_000);
  const week = mondayOfItsOwn();
  const monday = week.toLocaleDateString('fr-FR', { timeZone: 'UTC' });
  // Wednesday noon in Paris: the page's « this week » (the clock then runs on from there).
  await page.clock.setSystemTime(new Date(week.getTime() + 2 * 86_400_000 + 11 * 3_600_000));
  const line = 'PRJ-2026-001 — Refonte du CRM';

  await test.step('Julie ouvre son CRA de la semaine', async () => {
    await login(page, CONTRIBUTOR);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Temps (CRA)' })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: "Comptes rendus d'activité" }),
    ).toBeVisible();
    await expect(page.getByTestId('week-title')).toContainText(`du ${monday}`);
    await expect(page.getByTestId('sheet-status')).toHaveText('Brouillon');
  });

  await test.step('elle saisit au clavier : virgule, point, 7h30, flèches, Tab et Entrée', async () => {
    const cells = page.getByRole('textbox', { name: new RegExp(`^Heures de ${line} le`) });
    await expect(cells).toHaveCount(7);
    await cells.nth(0).click();
    await page.keyboard.type('7,5');
    await page.keyboard.press('ArrowRight');
    await expect(cells.nth(1)).toBeFocused();
    await page.keyboard.type('7.5');
    await page.keyboard.press('Tab');
    await expect(cells.nth(2)).toBeFocused();
    await page.keyboard.type('7h30');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('7');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('6');
    // Enter goes down to the same day of the next line.
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('textbox', { name: /^Heures de PRJ-2026-004/ }).nth(4),
    ).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(cells.nth(4)).toBeFocused();
    await expect(page.getByTestId('day-total-0')).toHaveText('7,5 h');
    await expect(page.getByTestId('day-total-4')).toHaveText('6 h');
    await expect(page.getByTestId('week-total')).toHaveText('35,5 h');
    await page.keyboard.press('Control+s');
    await expect(page.getByText('Semaine enregistrée')).toBeVisible();
  });

  await test.step('une saisie au-delà du maximum est refusée, case par case', async () => {
    const cells = page.getByRole('textbox', { name: new RegExp(`^Heures de ${line} le`) });
    await cells.nth(0).fill('12');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'le maximum est de 10 h par jour' }),
    ).toBeVisible();
    await expect(cells.nth(0)).toHaveAttribute('aria-invalid', 'true');
    await cells.nth(0).fill('7,5');
  });

  await test.step('elle soumet sa semaine', async () => {
    await expectNoSeriousViolations(page, 'Mon CRA');
    await page.getByRole('button', { name: 'Soumettre' }).click();
    await expect(page.getByText('CRA soumis pour validation')).toBeVisible();
    await expect(page.getByTestId('sheet-status')).toHaveText('Soumis');
    await expect(page.getByRole('button', { name: 'Enregistrer' })).toHaveCount(0);
    await logout(page, 'Julie Petit');
  });

  await test.step('Thomas, chef du projet, valide la semaine de Julie', async () => {
    await signIn(page, MANAGER);
    await page.goto('/time/approvals');
    // Julie's row of this week (whoever else has submitted a week for Thomas to decide).
    const julies = page.getByRole('row').filter({
      has: page.getByRole('checkbox', { name: `Sélectionner Julie Petit, semaine du ${monday}` }),
    });
    const row = julies.filter({ hasText: `Semaine du ${monday}` });
    await expect(row).toContainText('35,5 h');
    await row.getByRole('button', { name: 'Examiner' }).click();
    const drawer = page.getByRole('dialog', { name: `CRA de Julie Petit — semaine du ${monday}` });
    await expect(drawer).toBeVisible();
    await expect(drawer).toContainText('à votre décision');
    await expectNoSeriousViolations(page, 'Validation d’un CRA');
    await drawer.getByRole('button', { name: 'Valider' }).click();
    await expect(page.getByText('CRA validé')).toBeVisible();
    await expect(julies).toHaveCount(0);
    await logout(page, 'Thomas Bernard');
  });

  await test.step('Julie voit sa semaine validée', async () => {
    await signIn(page, CONTRIBUTOR);
    await page.goto('/time');
    await expect(page.getByTestId('sheet-status')).toHaveText('Validé');
    await expect(page.getByText('Validé — Thomas Bernard')).toBeVisible();
  });
});
