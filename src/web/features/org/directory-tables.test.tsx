// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ME_KEY } from '../../app/query-client.ts';
import { initI18n } from '../../i18n.ts';
import { UsersPage } from '../admin/UsersPage.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';

let i18n: I18n;
const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);

beforeAll(async () => {
  i18n = await initI18n('fr');
});

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const user = (n: number, disabled = false) => ({
  id: id(n),
  email: `u${n}@exemple.fr`,
  name: `Utilisateur ${n}`,
  role: 'pmo',
  personId: null,
  locale: null,
  disabled,
  lastLoginAt: null,
  createdAt: '2026-01-01T08:00:00.000Z',
  version: 1,
});
const person = (n: number, hasAccount = false) => ({
  id: id(100 + n),
  firstName: 'Personne',
  lastName: String(n),
  name: `Personne ${n}`,
  email: null,
  jobTitle: n === 1 ? 'Architecte' : null,
  orgUnit: n === 1 ? { id: id(900), name: 'DSI' } : null,
  manager: null,
  hasAccount,
  createdAt: '2026-01-01T08:00:00.000Z',
  version: 1,
});

/** What the fake API answers: the first page, then (with `cursor=next`) the second one. */
let pages: Record<string, [object[], object[]] | 'error'> = {};
beforeEach(() => {
  pages = {};
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://jalon.test');
    const list = pages[url.pathname];
    if (!list) return new Promise<Response>(() => undefined);
    if (list === 'error')
      return new Response(JSON.stringify({ error: { code: 'INTERNAL', message: 'boom' } }), {
        status: 500,
        headers: { 'content-type': 'application/json' },
      });
    const second = url.searchParams.get('cursor') === 'next';
    const body = second
      ? { items: list[1], nextCursor: null }
      : { items: list[0], nextCursor: list[1].length > 0 ? 'next' : null };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
});

function show(view: ReactNode, permissions: string[] = []) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(ME_KEY, {
    id: id(1),
    email: 'u1@exemple.fr',
    name: 'Utilisateur 1',
    role: 'admin',
    personId: null,
    locale: 'fr',
    theme: 'light',
    permissions,
  });
  return render(
    <QueryClientProvider client={client}>
      <MantineProvider>
        <MemoryRouter>{view}</MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent);
const cells = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );

describe('the accounts page', () => {
  it('lists the accounts page by page, with an edit button each for an administrator', async () => {
    pages['/api/v1/users'] = [[user(1), user(2, true)], [user(3)]];
    show(<UsersPage />, ['user.manage']);
    await screen.findByText('Utilisateur 1');
    expect(headers()).toEqual([
      t('users.fields.name'),
      t('users.fields.email'),
      t('users.fields.role'),
      t('users.state'),
      t('users.lastLogin'),
      t('common.actions'),
    ]);
    expect(cells()[1]).toEqual([
      'Utilisateur 2',
      'u2@exemple.fr',
      t('roles.pmo'),
      t('users.disabled'),
      '—',
      '',
    ]);
    expect(
      screen.getByRole('button', { name: t('users.editNamed', { name: 'Utilisateur 2' }) }),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: t('common.loadMore') }));
    await screen.findByText('Utilisateur 3');
    expect(cells()).toHaveLength(3);
    expect(screen.queryByRole('button', { name: t('common.loadMore') })).toBeNull();
  });

  it('says when no account matches', async () => {
    pages['/api/v1/users'] = [[], []];
    show(<UsersPage />);
    expect(await screen.findByText(t('users.emptyTitle'))).toBeTruthy();
    expect(screen.getByText(t('users.emptyFiltered'))).toBeTruthy();
  });

  it('shows a failed read with a retry', async () => {
    pages['/api/v1/users'] = 'error';
    show(<UsersPage />);
    await waitFor(() => expect(screen.getByRole('alert')).toBeTruthy());
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('the people directory', () => {
  it('lists the people page by page, without edit buttons when read-only', async () => {
    pages['/api/v1/people'] = [[person(1, true), person(2)], [person(3)]];
    show(<PeoplePanel canManage={false} />);
    await screen.findByText('Personne 1');
    expect(headers()).toEqual([
      t('people.fields.name'),
      t('people.fields.jobTitle'),
      t('people.fields.orgUnitId'),
      t('people.fields.managerId'),
      t('people.fields.email'),
      t('people.account'),
    ]);
    expect(cells()).toEqual([
      ['Personne 1', 'Architecte', 'DSI', '—', '—', t('common.yes')],
      ['Personne 2', '—', '—', '—', '—', t('common.no')],
    ]);
    expect(screen.queryByRole('button', { name: /Personne/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: t('common.loadMore') }));
    await screen.findByText('Personne 3');
  });

  it('offers to create the first person to a manager of an empty directory', async () => {
    pages['/api/v1/people'] = [[], []];
    show(<PeoplePanel canManage />);
    expect(await screen.findByText(t('people.emptyCreate'))).toBeTruthy();
    expect(screen.getByRole('button', { name: t('people.new') })).toBeTruthy();
  });
});
