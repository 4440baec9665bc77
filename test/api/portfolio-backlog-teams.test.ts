import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BacklogRefreshPreview,
  BacklogRefreshResult,
  BacklogScenario,
  Scenario,
} from '../../src/contracts/scenarios.ts';
import { ProjectRequest } from '../../src/contracts/strategy.ts';
import { NO_TEAM_POOL } from '../../src/core/scenarios/backlog.ts';
import { heatMap } from '../../src/server/modules/resources/capacity.service.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildPerson, buildRequest, buildTeam } from '../helpers/factories.ts';

// Backlog scenarios with one capacity pool per team, and their refresh from the backlog.
let t: TestApp;
let pmo: string;
let executive: string;
beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  executive = (await signIn(t, 'executive')).cookie;
});
afterAll(async () => t?.close());

const yearlyCase = (investment: number) => ({
  periodicity: 'year',
  firstPeriod: '2027',
  discountRate: '8',
  lines: [
    { kind: 'investment', label: 'Projet', amounts: [investment] },
    { kind: 'saving', label: 'Gains', amounts: [0, investment * 2] },
  ],
});

type Selection = {
  capacity: Record<string, Record<string, number>>;
  candidates: { id: string; demand: Record<string, number[]>; value: number }[];
};

describe('backlog scenarios by team', () => {
  it('splits effort by team, pools each team, and refreshes from the backlog', async () => {
    const dev = await buildPerson(t, { lastName: `Dev${uniq()}` });
    const sponsor = await buildPerson(t, { lastName: `Sponsor${uniq()}` });
    const devTeam = await buildTeam(t, [dev.id, sponsor.id], `DEV${uniq()}`);
    const dataTeam = await buildTeam(t, [], `DATA${uniq()}`);

    // The split is checked: an unknown team is refused on its line.
    const bad = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/strategy/requests',
      payload: {
        title: 'Inconnue',
        problem: 'x',
        effortByTeam: [
          { teamId: devTeam.id, days: 5 },
          { teamId: '00000000-0000-4000-8000-000000000009', days: 5 },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toEqual(['body', 'effortByTeam', 1, 'teamId']);
    const twice = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/strategy/requests',
      payload: {
        title: 'Deux fois',
        problem: 'x',
        effortByTeam: [
          { teamId: devTeam.id, days: 5 },
          { teamId: devTeam.id, days: 6 },
        ],
      },
    });
    expect(twice.statusCode).toBe(400);

    // CRM: 84 days for DEV and 42 for DATA (nobody in DATA: a pool with no hours).
    const crm = await buildRequest(
      t,
      pmo,
      {
        title: 'CRM',
        roughEffortDays: 999,
        effortByTeam: [
          { teamId: devTeam.id, days: 84 },
          { teamId: dataTeam.id, days: 42 },
        ],
      },
      { businessCase: yearlyCase(120_000_000) },
    );
    expect(crm.effortByTeam).toEqual([
      { team: { id: devTeam.id, name: devTeam.name }, days: 84 },
      { team: { id: dataTeam.id, name: dataTeam.name }, days: 42 },
    ]);
    // Portal: no split, its sponsor is in DEV: the rough effort goes to DEV (noted).
    const portal = await buildRequest(
      t,
      pmo,
      { title: 'Portail', roughEffortDays: 24, sponsorId: sponsor.id },
      { businessCase: yearlyCase(12_000_000) },
    );

    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/strategy/scenarios/from-backlog',
      payload: {
        name: `Par équipe ${uniq()}`,
        valueBasis: 'npv',
        firstMonth: '2027-01',
        months: 12,
        monthlyBudget: null,
        capacityShare: 50,
      },
    });
    expect(res.statusCode).toBe(201);
    const s = BacklogScenario.parse(res.json());
    expect(s.backlog).toMatchObject({
      valueBasis: 'npv',
      capacityShare: 50,
      firstMonth: '2027-01',
    });
    const selection = s.selection as Selection;
    const byId = new Map(selection.candidates.map((c) => [c.id, c]));
    // 84 d × 7 h over the 12 months of the yearly case = 49 h a month; 42 d → 24.5 h.
    expect(byId.get(crm.reference)!.demand).toEqual({
      [devTeam.code]: new Array(12).fill(49),
      [dataTeam.code]: new Array(12).fill(24.5),
    });
    expect(byId.get(portal.reference)!.demand).toEqual({ [devTeam.code]: new Array(12).fill(14) });
    expect(s.buildNotes).toContainEqual({
      requestId: portal.id,
      reference: portal.reference,
      code: 'EFFORT_ON_DEFAULT_TEAM',
      excluded: false,
    });
    // Each team's pool is its free hours (the heat map by team), times the share.
    const map = await heatMap(t.ctx, {
      from: '2027-01-01',
      unit: 'month',
      buckets: 12,
      includeSoft: true,
      groupBy: 'team',
      overOnly: false,
      limit: 10_000,
    });
    const devRow = map.rows.find((r) => r.key === devTeam.id)!;
    expect(devRow.people).toBe(2);
    const expected = devRow.cells.map((c) => Math.round(Math.max(0, c.capacity - c.load) / 2));
    expect(Object.values(selection.capacity[devTeam.code]!)).toEqual(expected);
    expect(expected[0]).toBeGreaterThan(100);
    expect(Object.values(selection.capacity[dataTeam.code]!)).toEqual(new Array(12).fill(0));
    if (map.rows.some((r) => r.key === '∅')) expect(selection.capacity[NO_TEAM_POOL]).toBeDefined();
    expect(selection.capacity['equipes']).toBeUndefined();
    // DATA has no hours: the CRM cannot start; the portal can.
    const run = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/strategy/scenarios/${s.id}/run`,
      headers: { 'if-match': `"${s.version}"` },
      payload: { timeLimit: 5 },
    });
    expect(run.statusCode).toBe(200);
    const ran = Scenario.parse(run.json());
    expect(ran.result!.selected.map((x) => x.id)).toEqual([portal.reference]);

    // Nothing changed in the backlog: the preview says so.
    const url = `/api/v1/strategy/scenarios/${s.id}/backlog-refresh`;
    const same = BacklogRefreshPreview.parse((await call(t, pmo, { method: 'GET', url })).json());
    expect(same.same).toBe(true);
    expect(same.unchanged).toBe(2);
    expect(same.scenarioVersion).toBe(ran.version);

    // The backlog moves: the CRM's DATA share goes to DEV, a new request enters, the portal
    // is forced in then rejected.
    const forced = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/strategy/scenarios/${s.id}`,
      headers: { 'if-match': `"${ran.version}"` },
      payload: { forcedIn: [portal.reference] },
    });
    expect(forced.statusCode).toBe(200);
    const forcedVersion = Scenario.parse(forced.json()).version;
    const edit = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/strategy/requests/${crm.id}`,
      headers: { 'if-match': `"${crm.version}"` },
      payload: { effortByTeam: [{ teamId: devTeam.id, days: 126 }] },
    });
    expect(edit.statusCode).toBe(200);
    const portalNow = ProjectRequest.parse(
      (await call(t, pmo, { method: 'GET', url: `/api/v1/strategy/requests/${portal.id}` })).json(),
    );
    const reject = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/strategy/requests/${portal.id}/triage`,
      headers: { 'if-match': `"${portalNow.version}"` },
      payload: { decision: 'reject' },
    });
    expect(reject.statusCode).toBe(200);
    const erp = await buildRequest(
      t,
      pmo,
      { title: 'ERP', effortByTeam: [{ teamId: devTeam.id, days: 12 }] },
      { businessCase: yearlyCase(24_000_000) },
    );

    const preview = BacklogRefreshPreview.parse(
      (await call(t, pmo, { method: 'GET', url })).json(),
    );
    expect(preview.same).toBe(false);
    expect(preview.added.map((x) => x.id)).toEqual([erp.reference]);
    expect(preview.removed.map((x) => x.id)).toEqual([portal.reference]);
    expect(preview.changed).toHaveLength(1);
    expect(preview.changed[0]).toMatchObject({
      id: crm.reference,
      fields: ['hours'],
      before: { hours: { [devTeam.code]: 588, [dataTeam.code]: 294 } },
      after: { hours: { [devTeam.code]: 882 } },
    });
    expect(preview.forcingDropped).toEqual([portal.reference]);
    // Nothing saved by the preview.
    const still = Scenario.parse(
      (await call(t, pmo, { method: 'GET', url: `/api/v1/strategy/scenarios/${s.id}` })).json(),
    );
    expect(still.version).toBe(forcedVersion);

    // Apply: If-Match required, stale refused with the current scenario, others refused.
    const noMatch = await call(t, pmo, { method: 'POST', url });
    expect(noMatch.statusCode, noMatch.body).toBe(428);
    const stale = await call(t, pmo, {
      method: 'POST',
      url,
      headers: { 'if-match': `"${forcedVersion - 1}"` },
    });
    expect(stale.statusCode).toBe(412);
    expect((await call(t, executive, { method: 'GET', url })).statusCode).toBe(403);
    // The preview read before the backlog moved names another file: refused, nothing saved.
    expect(same.fingerprint).not.toBe(preview.fingerprint);
    const moved = await call(t, pmo, {
      method: 'POST',
      url,
      headers: { 'if-match': `"${forcedVersion}"` },
      payload: { fingerprint: same.fingerprint },
    });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error).toMatchObject({
      code: 'BACKLOG_CHANGED',
      details: { fingerprint: preview.fingerprint },
    });
    const applied = await call(t, pmo, {
      method: 'POST',
      url,
      headers: { 'if-match': `"${forcedVersion}"` },
      payload: { fingerprint: preview.fingerprint },
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.headers.etag).toBe(`"${forcedVersion + 1}"`);
    const out = BacklogRefreshResult.parse(applied.json());
    expect(out.scenario.candidates.map((c) => c.id).sort()).toEqual(
      [crm.reference, erp.reference].sort(),
    );
    expect(out.scenario.forcedIn).toEqual([]);
    expect(out.scenario.result).toBeNull();
    expect(out.scenario.backlog).toEqual(s.backlog);
    expect(out.applied.added.map((x) => x.id)).toEqual([erp.reference]);
    const again = BacklogRefreshPreview.parse((await call(t, pmo, { method: 'GET', url })).json());
    expect(again.same).toBe(true);

    // Audited with what changed.
    const audit = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/audit?entityType=portfolio_scenario&entityId=${s.id}`,
    });
    expect(audit.statusCode).toBe(200);
    const refresh = (audit.json().items as { changes: Record<string, { after: unknown }> }[]).find(
      (e) => 'backlogRefresh' in e.changes,
    );
    expect(refresh?.changes['backlogRefresh']!.after).toEqual({
      added: [erp.reference],
      removed: [portal.reference],
      changed: [crm.reference],
      forcingDropped: [portal.reference],
    });

    // An uploaded scenario has nothing to refresh from.
    const uploaded = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/strategy/scenarios',
      payload: {
        name: `Fichier ${uniq()}`,
        selection: {
          periods: ['P1'],
          candidates: [{ id: 'A', value: 1, cost: [1] }],
        },
      },
    });
    expect(uploaded.statusCode).toBe(201);
    const none = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/strategy/scenarios/${uploaded.json().id}/backlog-refresh`,
    });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('SCENARIO_NOT_FROM_BACKLOG');
  }, 120_000);
});
