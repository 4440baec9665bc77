import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';

/** The demo accounts seeded on the first start ("Groupe Exemple"). */
export const DEMO_PASSWORD = process.env.JALON_DEMO_PASSWORD ?? 'demo-password-123';
export const PMO = 'claire.martin@exemple.fr';
export const MANAGER = 'thomas.bernard@exemple.fr';
export const CONTRIBUTOR = 'julie.petit@exemple.fr';
export const EXECUTIVE = 'nicolas.durand@exemple.fr';

/**
 * The demo project whose budget finance.spec edits (« Refonte du CRM », run by Thomas Bernard):
 * no other journey changes its budget or its forecasts.
 */
export const FINANCE_PROJECT = 'PRJ-2026-001';

/** A project code nobody else uses (the pattern allows capitals, digits and dashes). */
export function uniqueCode(prefix = 'PRJ-E2E'): string {
  const random = Math.random().toString(36).slice(2, 8).toUpperCase();
  return `${prefix}-${random}`;
}

/**
 * Logs in through the French login page, the way a person does, and waits for the app: for the
 * journeys about logging in (the others use `login`, which skips the form).
 */
export async function loginThroughPage(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Connexion à Jalon' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(email);
  await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: /^Menu de / })).toBeVisible();
}

/**
 * Logs in as `email` and waits for the app on its home page, as `loginThroughPage` leaves it,
 * without going through the login form: the session comes from the login API (the browser's
 * cookie, as the form would set it). The form is covered by `loginThroughPage` journeys; filling
 * it in every journey cost a page load and the form's round trips each time.
 */
export async function login(page: Page, email: string): Promise<void> {
  await signIn(page, email);
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Menu de / })).toBeVisible();
}

/** The server's origin, which unsafe API requests must name (CSRF check). */
export function serverOrigin(): string {
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error('No baseURL in the Playwright config');
  return new URL(baseURL).origin;
}

/**
 * Logs the browser in through the API (the session cookie lands in the page's context): for
 * journeys about something else than the login page, which is covered on its own.
 */
export async function signIn(page: Page, email: string): Promise<void> {
  const res = await page.request.post('/api/v1/auth/login', {
    data: { email, password: DEMO_PASSWORD },
    headers: { Origin: serverOrigin() },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/**
 * A session on the API of its own (not the browser's), logged in as `email`; unsafe requests
 * carry the server's `Origin` as the CSRF check wants.
 */
export async function apiSession(baseURL: string, email: string): Promise<APIRequestContext> {
  const api = await request.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: new URL(baseURL).origin },
  });
  const res = await api.post('/api/v1/auth/login', {
    data: { email, password: DEMO_PASSWORD },
  });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

export interface ProjectSummary {
  id: string;
  code: string;
  name: string;
}

/** The one project whose code or name matches `q`, as `email` sees it through the API. */
export async function findProject(api: APIRequestContext, q: string): Promise<ProjectSummary> {
  const res = await api.get('/api/v1/projects', { params: { q } });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { items: ProjectSummary[] };
  expect(body.items, `projects matching "${q}"`).toHaveLength(1);
  return body.items[0]!;
}

/**
 * A new project of the calling journey only, created through the API by `api` (the PMO's
 * session): active unless told otherwise, in the named portfolio, run by the person whose
 * account is `manager` when given. Returns its id.
 */
export async function createProject(
  api: APIRequestContext,
  project: { code: string; name: string; portfolio: string; manager?: string; status?: string },
): Promise<string> {
  const portfolios = (await (await api.get('/api/v1/portfolios')).json()) as {
    items: { id: string; name: string }[];
  };
  const portfolio = portfolios.items.find((p) => p.name === project.portfolio);
  expect(portfolio, `portfolio "${project.portfolio}"`).toBeTruthy();
  let managerId: string | undefined;
  if (project.manager) {
    const res = await api.get('/api/v1/people', { params: { q: project.manager } });
    const people = (await res.json()) as { items: { id: string; email: string | null }[] };
    managerId = people.items.find((p) => p.email === project.manager)?.id;
    expect(managerId, `the person of ${project.manager}`).toBeTruthy();
  }
  const created = await api.post('/api/v1/projects', {
    data: {
      code: project.code,
      name: project.name,
      portfolioId: portfolio!.id,
      status: project.status ?? 'active',
      ...(managerId ? { managerId } : {}),
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}
