// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../../contracts/portfolio.ts';
import type { ChangeRequest, Decision, Issue } from '../../../contracts/raid.ts';
import { initI18n } from '../../i18n.ts';
import { ChangeRequestsView } from './ChangeRequestsView.tsx';
import { DecisionsView } from './DecisionsView.tsx';
import { IssuesView } from './IssuesView.tsx';
import { type LogScope, raidKeys } from './raid-api.ts';

let i18n: I18n;
beforeAll(async () => {
  // Mantine's autosizing text areas listen to web fonts loading, which jsdom does not have.
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
  i18n = await initI18n('fr');
});
// The forms ask for risks, plans and budgets: they stay loading.
const loading = () => new Promise<Response>(() => undefined);
afterEach(() => {
  globalThis.fetch = loading;
});
globalThis.fetch = loading;

/** The server refuses every save (403): the forms' other requests stay loading. */
function refuseSaves() {
  globalThis.fetch = (_input, init) =>
    init?.method === 'PATCH' || init?.method === 'POST'
      ? Promise.resolve(
          new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'Non' } }), {
            status: 403,
            headers: { 'content-type': 'application/json' },
          }),
        )
      : loading();
}

const projectId = '00000000-0000-4000-8000-0000000000a1';
const project = { id: projectId, name: 'ERP Finance' };
const inProject: LogScope = { projectId };
const inProgram: LogScope = { programId: '00000000-0000-4000-8000-0000000000b1' };

const decision = {
  id: '00000000-0000-4000-8000-0000000000d1',
  code: 'D-1',
  title: 'Garder SAP',
  project,
  decidedOn: '2026-03-04',
  decidedBy: { id: '00000000-0000-4000-8000-0000000000e1', name: 'Claire Martin' },
  forum: 'COPIL',
  status: 'decided',
  links: [{ type: 'risk', id: '00000000-0000-4000-8000-0000000000f1', code: 'R-3' }],
  decision: '',
  alternatives: '',
  changeRequest: null,
  version: 1,
} as unknown as Decision;

const issue = {
  id: '00000000-0000-4000-8000-0000000000c1',
  code: 'I-2',
  title: 'Serveur en panne',
  project,
  priority: 'high',
  status: 'open',
  owner: null,
  raisedOn: '2026-02-01',
  dueDate: null,
  openActions: 3,
  task: { id: '00000000-0000-4000-8000-0000000000c2', name: 'Recette' },
  escalatedTo: null,
  description: '',
  impact: '',
  resolution: '',
  risk: null,
  version: 1,
} as unknown as Issue;

const change = {
  id: '00000000-0000-4000-8000-0000000000a9',
  code: 'CR-5',
  title: 'Ajouter un module',
  project,
  status: 'submitted',
  scheduleImpactDays: 4,
  costImpactCents: 1_234_500,
  requestedBy: { id: '00000000-0000-4000-8000-0000000000e2', name: 'Marc Petit' },
  decidedAt: null,
  version: 2,
} as unknown as ChangeRequest;

function show(data: [readonly unknown[], unknown], view: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(data[0], data[1]);
  return render(
    <QueryClientProvider client={client}>
      <MantineProvider>{view}</MantineProvider>
    </QueryClientProvider>,
  );
}

const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);
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

describe('the decisions log', () => {
  it("lists a project's decisions with a button to record one", () => {
    show(
      [raidKeys.decisions(inProject), { items: [decision] }],
      <DecisionsView scope={inProject} canEdit />,
    );
    expect(headers()).toEqual(
      [
        'raid.code',
        'raid.title',
        'raid.decisions.decidedOn',
        'raid.decisions.decidedBy',
        'raid.decisions.forum',
        'raid.statusLabel',
        'raid.decisions.links',
      ].map((k) => t(k)),
    );
    expect(cells()).toEqual([
      [
        'D-1',
        'Garder SAP',
        '04/03/2026',
        'Claire Martin',
        'COPIL',
        t('raid.decisions.statuses.decided'),
        'R-3',
      ],
    ]);
    expect(screen.getByRole('button', { name: t('raid.decisions.new') })).toBeTruthy();
  });

  it("adds the project column for a programme's log and offers no creation there", () => {
    show(
      [raidKeys.decisions(inProgram), { items: [decision] }],
      <DecisionsView scope={inProgram} canEdit />,
    );
    expect(headers()[2]).toBe(t('raid.project'));
    expect(cells()[0]![2]).toBe('ERP Finance');
    expect(screen.queryByRole('button', { name: t('raid.decisions.new') })).toBeNull();
  });

  it('says when there is none yet and offers to record the first', () => {
    show(
      [raidKeys.decisions(inProject), { items: [] }],
      <DecisionsView scope={inProject} canEdit />,
    );
    expect(screen.getByText(t('raid.decisions.emptyTitle'))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: t('raid.decisions.new') }));
    expect(screen.getByRole('dialog', { name: t('raid.decisions.new') })).toBeTruthy();
  });

  it('opens a decision from its title, with cancel and save for an editor', () => {
    show(
      [raidKeys.decisions(inProject), { items: [decision] }],
      <DecisionsView scope={inProject} canEdit />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Garder SAP' }));
    const dialog = screen.getByRole('dialog', { name: 'D-1 — Garder SAP' });
    expect(within(dialog).getByRole('button', { name: t('common.save') })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: t('common.cancel') }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says in the dialog why a save was refused, and keeps it open', async () => {
    refuseSaves();
    show(
      [raidKeys.decisions(inProject), { items: [decision] }],
      <DecisionsView scope={inProject} canEdit />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Garder SAP' }));
    const dialog = screen.getByRole('dialog', { name: 'D-1 — Garder SAP' });
    fireEvent.click(within(dialog).getByRole('button', { name: t('common.save') }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toContain(t('errors.FORBIDDEN')),
    );
    expect(screen.getByRole('dialog', { name: 'D-1 — Garder SAP' })).toBeTruthy();
  });

  it('opens a decision read-only, its fields disabled, without cancel or save', () => {
    show(
      [raidKeys.decisions(inProject), { items: [decision] }],
      <DecisionsView scope={inProject} canEdit={false} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Garder SAP' }));
    const dialog = screen.getByRole('dialog', { name: 'D-1 — Garder SAP' });
    expect(
      within(dialog)
        .getByRole('textbox', { name: t('raid.title') })
        .matches(':disabled'),
    ).toBe(true);
    expect(within(dialog).queryByRole('button', { name: t('common.save') })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: t('common.cancel') })).toBeNull();
  });
});

describe('the issues log', () => {
  it("lists a project's issues with their task, priority and open actions", () => {
    show(
      [raidKeys.issues(inProject), { items: [issue] }],
      <IssuesView scope={inProject} canEdit />,
    );
    expect(headers()).toEqual(
      [
        'raid.code',
        'raid.title',
        'raid.issues.priority',
        'raid.statusLabel',
        'raid.owner',
        'raid.issues.raisedOn',
        'raid.dueDate',
        'raid.actions.open',
      ].map((k) => t(k)),
    );
    expect(cells()).toEqual([
      [
        'I-2',
        `Serveur en panne${t('raid.tasks.affects', { task: 'Recette' })}`,
        t('raid.issues.priorities.high'),
        t('raid.issues.statuses.open'),
        '—',
        '01/02/2026',
        '—',
        '3',
      ],
    ]);
    expect(screen.getByRole('button', { name: t('raid.issues.new') })).toBeTruthy();
  });

  it('takes the empty state words it is given, with nothing to create when read-only', () => {
    show(
      [raidKeys.issues(inProgram), { items: [] }],
      <IssuesView scope={inProgram} canEdit={false} empty={{ title: 'Rien', message: 'Aucune' }} />,
    );
    expect(screen.getByText('Rien')).toBeTruthy();
    expect(screen.getByText('Aucune')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('opens an issue read-only without cancel or save', () => {
    show(
      [raidKeys.issues(inProgram), { items: [issue] }],
      <IssuesView scope={inProgram} canEdit={false} />,
    );
    expect(cells()[0]![2]).toBe('ERP Finance');
    fireEvent.click(screen.getByRole('button', { name: 'Serveur en panne' }));
    const dialog = screen.getByRole('dialog', { name: 'I-2 — Serveur en panne' });
    expect(within(dialog).queryByRole('button', { name: t('common.save') })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: t('raid.escalation.open') })).toBeNull();
  });

  it('gives an editor escalate, cancel and save; escalating asks for the reason', () => {
    show(
      [raidKeys.issues(inProject), { items: [issue] }],
      <IssuesView scope={inProject} canEdit />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Serveur en panne' }));
    const dialog = screen.getByRole('dialog', { name: 'I-2 — Serveur en panne' });
    const foot = [t('raid.escalation.open'), t('common.cancel'), t('common.save')];
    expect(
      within(dialog)
        .getAllByRole('button')
        .map((b) => b.textContent)
        .filter((text) => foot.includes(text!)),
    ).toEqual(foot);
    fireEvent.click(within(dialog).getByRole('button', { name: t('raid.escalation.open') }));
    expect(
      screen.getByRole('dialog', { name: t('raid.escalation.title', { code: 'I-2' }) }),
    ).toBeTruthy();
  });

  it('offers no escalation once the issue is at its portfolio', () => {
    const raised = { ...issue, program: project, portfolio: project, escalatedTo: 'portfolio' };
    show(
      [raidKeys.issues(inProject), { items: [raised] }],
      <IssuesView scope={inProject} canEdit />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Serveur en panne' }));
    const dialog = screen.getByRole('dialog', { name: 'I-2 — Serveur en panne' });
    expect(within(dialog).queryByRole('button', { name: t('raid.escalation.open') })).toBeNull();
    expect(within(dialog).getByRole('button', { name: t('common.save') })).toBeTruthy();
  });

  it('says in the dialog why a save was refused', async () => {
    refuseSaves();
    show(
      [raidKeys.issues(inProject), { items: [issue] }],
      <IssuesView scope={inProject} canEdit />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Serveur en panne' }));
    const dialog = screen.getByRole('dialog', { name: 'I-2 — Serveur en panne' });
    fireEvent.click(within(dialog).getByRole('button', { name: t('common.save') }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toContain(t('errors.FORBIDDEN')),
    );
  });
});

describe('the change requests log', () => {
  const rights = { edit: true, approve: false, apply: false };
  it("lists a project's requests with their schedule and cost impacts", () => {
    show(
      [raidKeys.changes(inProject), { items: [change] }],
      <ChangeRequestsView scope={inProject} project={project as Project} rights={rights} />,
    );
    expect(headers()).toEqual(
      [
        'raid.code',
        'raid.title',
        'raid.statusLabel',
        'raid.changes.schedule',
        'raid.changes.cost',
        'raid.changes.requestedBy',
        'raid.changes.decidedAt',
      ].map((k) => t(k)),
    );
    const [row] = cells();
    expect(row!.slice(0, 4)).toEqual([
      'CR-5',
      'Ajouter un module',
      t('raid.changes.statuses.submitted'),
      t('raid.changes.days', { count: 4 }),
    ]);
    expect(row![4]!.replace(/\s/g, ' ')).toMatch(/^12 345,00 €$/);
    expect(row!.slice(5)).toEqual(['Marc Petit', '—']);
    expect(screen.getByRole('button', { name: t('raid.changes.new') })).toBeTruthy();
  });

  it('says when there is none and offers nothing without a project', () => {
    show(
      [raidKeys.changes(inProgram), { items: [] }],
      <ChangeRequestsView scope={inProgram} project={null} rights={rights} />,
    );
    expect(screen.getByText(t('raid.changes.emptyTitle'))).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
