import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD, PMO, signIn } from './helpers.ts';

/*
 * Light accessibility checks: the login and portfolio pages work with the keyboard alone, every
 * control has a name, and axe finds nothing serious or critical on the main pages (light and
 * dark themes). Moderate findings (landmarks) are not checked here.
 */

/** Presses Tab until `target` has the focus (at most `max` times). */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/**
 * Every visible control has a non-empty accessible name: read from one ARIA snapshot, where an
 * unnamed control shows as `- button` with no quoted name.
 */
async function expectNamedControls(scope: Page | Locator): Promise<void> {
  const root = 'keyboard' in scope ? scope.locator('body') : scope;
  const snapshot = await root.ariaSnapshot();
  const unnamed = snapshot
    .split('\n')
    .filter((line) =>
      /^\s*- (button|link|textbox|combobox|searchbox|tab|checkbox|radio|switch|menuitem)(\s*\[[^\]]*\])*:?$/.test(
        line,
      ),
    );
  expect(unnamed, `controls without a name in:\n${snapshot}`).toEqual([]);
}

/** Runs axe on the page; fails on any serious or critical violation, listing them. */
async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  // Legacy mode runs axe in the page itself: no extra page per run (much faster here).
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
    );
  expect(serious, `axe on ${what}`).toEqual([]);
}

test('la page de connexion s’utilise au clavier', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Connexion à Jalon' })).toBeVisible();
  await expectNamedControls(page);
  await expectNoSeriousViolations(page, 'la page de connexion');

  const email = page.getByRole('textbox', { name: 'Adresse e-mail' });
  const password = page.getByRole('textbox', { name: 'Mot de passe', exact: true });
  const submit = page.getByRole('button', { name: 'Se connecter' });
  // The e-mail field has the focus on arrival; Tab goes to the password, then to the button
  // (the show/hide-password button is skipped, as in most password forms).
  // Mantine's show/hide-password button is named in French (its default is English).
  await expect(
    page.getByRole('button', { name: 'Afficher ou masquer le mot de passe' }),
  ).toBeVisible();
  await expect(email).toBeFocused();
  await page.keyboard.type(PMO);
  await page.keyboard.press('Tab');
  await expect(password).toBeFocused();
  await page.keyboard.type('pas-le-bon-mot-de-passe');
  await page.keyboard.press('Tab');
  await expect(submit).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(password).toBeFocused();

  // Enter submits; a wrong password is announced (role alert) without saying which field.
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Adresse e-mail ou mot de passe incorrect.' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  await password.press('ControlOrMeta+a');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/home/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mon accueil' })).toBeVisible();
});

test('la page des portefeuilles s’utilise au clavier', async ({ page }) => {
  const list = page.getByRole('region', { name: 'Liste des projets' });
  await test.step('connexion, chaque contrôle a un nom', async () => {
    await signIn(page, PMO);
    await page.goto('/portfolios');
    await expect(list.getByRole('link').first()).toBeVisible();
    await expectNamedControls(page);
  });

  await test.step('le lien d’évitement mène au contenu', async () => {
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });

  const programme = page
    .getByRole('navigation', { name: 'Arborescence des portefeuilles' })
    .getByRole('button', { name: /^Expérience client 360/ });
  await test.step('Entrée sur un programme de l’arborescence filtre la liste', async () => {
    await tabTo(page, programme);
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Expérience client 360' }),
    ).toBeVisible();
    await expect(programme).toHaveAttribute('aria-current', 'true');
  });

  await test.step('« Nouveau projet » : le focus entre dans la fenêtre, Échap le rend', async () => {
    const create = page.getByRole('button', { name: 'Nouveau projet' });
    await create.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Nouveau projet' });
    await expect(dialog).toBeVisible();
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await expectNamedControls(dialog);
    await expect(dialog.getByRole('button', { name: 'Fermer' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(create).toBeFocused();
  });

  await test.step('Entrée ouvre un projet, les flèches parcourent ses rubriques et leurs pages', async () => {
    await tabTo(page, list.getByRole('link', { name: 'Refonte du CRM' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Refonte du CRM' })).toBeVisible();
    const sections = page.getByRole('tablist', { name: 'Rubriques du projet' });
    await tabTo(page, sections.getByRole('tab', { name: 'Pilotage' }));
    await page.keyboard.press('End');
    const governance = sections.getByRole('tab', { name: 'Gouvernance' });
    await expect(governance).toBeFocused();
    await expect(page).toHaveURL(/\/governance$/);
    await expect(governance).toHaveAttribute('aria-selected', 'true');
    const pages = page.getByRole('tablist', { name: 'Pages de la rubrique Gouvernance' });
    await page.keyboard.press('Tab');
    await expect(pages.getByRole('tab', { name: 'Phases et jalons' })).toBeFocused();
    await page.keyboard.press('End');
    const history = pages.getByRole('tab', { name: 'Historique' });
    await expect(history).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/history$/);
    await expect(history).toHaveAttribute('aria-selected', 'true');
  });
});

test('axe : rien de grave sur les portefeuilles, un projet et son formulaire (clair et sombre)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const list = page.getByRole('region', { name: 'Liste des projets' });
  await test.step('les portefeuilles', async () => {
    await signIn(page, PMO);
    await page.goto('/portfolios');
    await expect(list.getByRole('link', { name: 'Refonte du CRM' })).toBeVisible();
    await expectNoSeriousViolations(page, 'les portefeuilles');
  });

  await test.step('un projet', async () => {
    await list.getByRole('link', { name: 'Refonte du CRM' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Refonte du CRM' })).toBeVisible();
    await expectNoSeriousViolations(page, 'la vue d’ensemble du projet');
  });

  await test.step('son formulaire de modification', async () => {
    await page.getByRole('button', { name: 'Modifier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Modifier le projet' });
    await expect(dialog).toBeVisible();
    await expectNoSeriousViolations(page, 'le formulaire de modification');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  await test.step('le projet en thème sombre', async () => {
    // The account follows the system's theme by default; the theme menu would save the choice
    // on the account, which the other journeys share.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect(page.getByRole('heading', { level: 1, name: 'Refonte du CRM' })).toBeVisible();
    await expectNoSeriousViolations(page, 'le projet en thème sombre');
  });
});
