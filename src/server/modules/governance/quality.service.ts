import type { z } from 'zod';
import type {
  CorrectiveAction,
  CreateActionBody,
  CreateAuditBody,
  CreateChecklistBody,
  CreateFindingBody,
  FindingList,
  FindingQuery,
  QualityAudit,
  QualityChecklist,
  QualityFinding,
  UpdateActionBody,
  UpdateAuditBody,
  UpdateChecklistBody,
  UpdateFindingBody,
} from '../../../contracts/governance.ts';
import { DomainError, validationError } from '../../../core/errors.ts';
import {
  type ActionStatus,
  actionOverdue,
  type AuditItem,
  type AuditKind,
  auditScore,
  auditStatus,
  type ChecklistItem,
  checklistIssues,
  completionIssues,
  type FindingSeverity,
  type FindingStatus,
  findingCloseBlocker,
  itemsFromChecklist,
} from '../../../core/governance/quality.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { assertPeopleExist } from '../org/org.service.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { authorizeProject, visibleProjectsCondition } from '../portfolio/portfolio.service.ts';
import * as repo from './quality.repository.ts';

/** Today in UTC, `YYYY-MM-DD`: the only clock of quality follow-up (overdue actions). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function stale(what: string, current: unknown) {
  return new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, {
    current,
  });
}

const ref = (id: string | null, name: string | null | undefined) =>
  id ? { id, name: name ?? '' } : null;

// ---------------------------------------------------------------- checklists

function toChecklist(row: { c: repo.ChecklistRow; auditCount: number }): QualityChecklist {
  return {
    id: row.c.id,
    name: row.c.name,
    description: row.c.description,
    items: row.c.items as ChecklistItem[],
    archived: row.c.archived,
    auditCount: Number(row.auditCount),
    version: row.c.version,
    updatedAt: row.c.updatedAt.toISOString(),
  };
}

const checklistNotFound = (id: string) =>
  new DomainError('QUALITY_CHECKLIST_NOT_FOUND', `No quality checklist ${id}`);

function duplicateName(name: string | undefined) {
  return new DomainError('DUPLICATE_CODE', `The name ${name} is already used`, {
    issues: [{ path: ['body', 'name'], message: 'Already used' }],
  });
}

export async function listChecklists(ctx: Ctx) {
  return { items: (await repo.listChecklists(ctx.db)).map(toChecklist) };
}

export async function getChecklist(ctx: Ctx, id: string): Promise<QualityChecklist> {
  const [row] = await repo.listChecklists(ctx.db, id);
  if (!row) throw checklistNotFound(id);
  return toChecklist(row);
}

export async function createChecklist(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateChecklistBody>,
): Promise<QualityChecklist> {
  const issues = checklistIssues(input.items);
  if (issues.length) throw validationError(issues);
  try {
    const id = await ctx.db.transaction(async (tx) => {
      const c = await repo.insertChecklist(tx, input);
      await recordAudit(tx, actor, {
        entityType: 'quality_checklist',
        entityId: c.id,
        entityLabel: c.name,
        action: 'create',
        after: { name: c.name, items: input.items.length },
      });
      return c.id;
    });
    return getChecklist(ctx, id);
  } catch (err) {
    if (isUniqueViolation(err, 'gov_quality_checklists_name_key')) throw duplicateName(input.name);
    throw err;
  }
}

/** Edits a template; audits already made keep the items they were made with. */
export async function updateChecklist(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateChecklistBody>,
): Promise<QualityChecklist> {
  if (input.items) {
    const issues = checklistIssues(input.items);
    if (issues.length) throw validationError(issues);
  }
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await repo.findChecklist(tx, id);
      if (!before) throw checklistNotFound(id);
      const after = await repo.updateChecklist(tx, id, version, input);
      if (!after) throw stale('checklist', await getChecklist({ ...ctx, db: tx }, id));
      await recordAudit(tx, actor, {
        entityType: 'quality_checklist',
        entityId: id,
        entityLabel: after.name,
        action: input.archived === true && !before.archived ? 'archive' : 'update',
        before: {
          name: before.name,
          description: before.description,
          items: (before.items as ChecklistItem[]).length,
          archived: before.archived,
        },
        after: {
          name: after.name,
          description: after.description,
          items: (after.items as ChecklistItem[]).length,
          archived: after.archived,
        },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'gov_quality_checklists_name_key')) throw duplicateName(input.name);
    throw err;
  }
  return getChecklist(ctx, id);
}

// ---------------------------------------------------------------- audits of a project

function toAction(row: { x: repo.ActionRow; ownerName: string | null }, day: string) {
  const x = row.x;
  const status = x.status as ActionStatus;
  return {
    id: x.id,
    findingId: x.findingId,
    description: x.description,
    owner: ref(x.ownerId, row.ownerName),
    dueDate: x.dueDate,
    status,
    doneAt: x.doneAt?.toISOString() ?? null,
    overdue: actionOverdue({ status, dueDate: x.dueDate }, day),
    version: x.version,
  } satisfies CorrectiveAction;
}

function toFinding(f: repo.FindingRow, actions: CorrectiveAction[]): QualityFinding {
  return {
    id: f.id,
    auditId: f.auditId,
    itemKey: f.itemKey,
    description: f.description,
    severity: f.severity as FindingSeverity,
    status: f.status as FindingStatus,
    closedAt: f.closedAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
    actions,
    version: f.version,
  };
}

/** Findings with their actions, grouped by audit (two queries for any number of audits). */
async function findingsByAudit(db: Executor, auditIds: string[], day: string) {
  const findings = await repo.findingsOfAudits(db, auditIds);
  const actions = await repo.actionsOfFindings(
    db,
    findings.map((f) => f.id),
  );
  const byFinding = new Map<string, CorrectiveAction[]>();
  for (const a of actions) {
    const list = byFinding.get(a.x.findingId) ?? [];
    list.push(toAction(a, day));
    byFinding.set(a.x.findingId, list);
  }
  const byAudit = new Map<string, QualityFinding[]>();
  for (const f of findings) {
    const list = byAudit.get(f.auditId) ?? [];
    list.push(toFinding(f, byFinding.get(f.id) ?? []));
    byAudit.set(f.auditId, list);
  }
  return byAudit;
}

async function loadAudits(db: Executor, projectId: string, auditId?: string) {
  const rows = await repo.listAudits(db, projectId, auditId);
  const findings = await findingsByAudit(
    db,
    rows.map((r) => r.a.id),
    today(),
  );
  return rows.map(({ a, auditorName }): QualityAudit => {
    const items = a.items as AuditItem[];
    const list = findings.get(a.id) ?? [];
    return {
      id: a.id,
      projectId: a.projectId,
      kind: a.kind as AuditKind,
      title: a.title,
      checklist: { id: a.checklistId, name: a.checklistName },
      auditor: ref(a.auditorId, auditorName),
      plannedDate: a.plannedDate,
      completedOn: a.completedOn,
      status: auditStatus({ completed: a.completedOn !== null, items, findings: list }),
      items,
      score: auditScore(items),
      summary: a.summary,
      findings: list,
      version: a.version,
    };
  });
}

const auditNotFound = (id: string) =>
  new DomainError('QUALITY_AUDIT_NOT_FOUND', `No quality audit ${id}`);

export async function listAudits(ctx: Ctx, actor: Actor, projectId: string) {
  await authorizeProject(ctx.db, actor, projectId, 'project.read');
  return { items: await loadAudits(ctx.db, projectId) };
}

export async function getAudit(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  auditId: string,
): Promise<QualityAudit> {
  await authorizeProject(ctx.db, actor, projectId, 'project.read');
  return readAudit(ctx.db, projectId, auditId);
}

async function readAudit(db: Executor, projectId: string, auditId: string) {
  const [audit] = await loadAudits(db, projectId, auditId);
  if (!audit) throw auditNotFound(auditId);
  return audit;
}

/** Plans an audit of a project: the checklist's items are copied, nothing assessed yet. */
export async function createAudit(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof CreateAuditBody>,
): Promise<QualityAudit> {
  const id = await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.read');
    const checklist = await repo.findChecklist(tx, input.checklistId);
    if (!checklist || checklist.archived) {
      throw new DomainError('QUALITY_CHECKLIST_NOT_FOUND', `No checklist ${input.checklistId}`, {
        issues: [{ path: ['body', 'checklistId'], message: 'No such checklist in use' }],
      });
    }
    await assertPeopleExist(tx, { auditorId: input.auditorId });
    const a = await repo.insertAudit(tx, {
      projectId,
      kind: input.kind,
      title: input.title,
      checklistId: checklist.id,
      checklistName: checklist.name,
      auditorId: input.auditorId,
      plannedDate: input.plannedDate,
      items: itemsFromChecklist(checklist.items as ChecklistItem[]),
    });
    await recordAudit(tx, actor, {
      entityType: 'quality_audit',
      entityId: a.id,
      entityLabel: `${project.code} — ${a.title}`,
      projectId,
      action: 'create',
      after: {
        kind: a.kind,
        title: a.title,
        checklist: a.checklistName,
        plannedDate: a.plannedDate,
      },
    });
    return a.id;
  });
  return readAudit(ctx.db, projectId, id);
}

/** Records results, edits the header, marks the assessment done (or reopens it). */
export async function updateAudit(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  auditId: string,
  version: number,
  input: z.infer<typeof UpdateAuditBody>,
): Promise<QualityAudit> {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.read');
    const before = await repo.findAudit(tx, projectId, auditId);
    if (!before) throw auditNotFound(auditId);
    if (input.auditorId) await assertPeopleExist(tx, { auditorId: input.auditorId });
    const items = (before.items as AuditItem[]).map((i) => ({ ...i }));
    if (input.results) {
      const index = new Map(items.map((i, n) => [i.key, n]));
      const issues = input.results.flatMap((r, n) =>
        index.has(r.key)
          ? []
          : [{ path: ['body', 'results', n, 'key'], message: 'No such item in this audit' }],
      );
      if (issues.length) throw validationError(issues);
      for (const r of input.results) {
        const item = items[index.get(r.key)!]!;
        item.result = r.result;
        item.comment = r.comment;
      }
    }
    let completedOn = before.completedOn;
    if (input.completed === true && completedOn === null) {
      const problems = completionIssues(items, ['body', 'items']);
      if (problems.length) throw validationError(problems);
      completedOn = today();
    } else if (input.completed === false) completedOn = null;
    const after = await repo.updateAudit(tx, auditId, version, {
      ...(input.title === undefined ? {} : { title: input.title }),
      ...(input.auditorId === undefined ? {} : { auditorId: input.auditorId }),
      ...(input.plannedDate === undefined ? {} : { plannedDate: input.plannedDate }),
      ...(input.summary === undefined ? {} : { summary: input.summary }),
      items,
      completedOn,
    });
    if (!after) throw stale('audit', await readAudit(tx, projectId, auditId));
    const score = (xs: AuditItem[]) => {
      const s = auditScore(xs);
      return `${s.assessed}/${s.total}`;
    };
    await recordAudit(tx, actor, {
      entityType: 'quality_audit',
      entityId: auditId,
      entityLabel: `${project.code} — ${after.title}`,
      projectId,
      action: 'update',
      before: {
        title: before.title,
        auditorId: before.auditorId,
        plannedDate: before.plannedDate,
        summary: before.summary,
        assessed: score(before.items as AuditItem[]),
        completedOn: before.completedOn,
      },
      after: {
        title: after.title,
        auditorId: after.auditorId,
        plannedDate: after.plannedDate,
        summary: after.summary,
        assessed: score(items),
        completedOn: after.completedOn,
      },
    });
  });
  return readAudit(ctx.db, projectId, auditId);
}

export async function deleteAudit(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  auditId: string,
  version: number,
) {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.read');
    const before = await repo.findAudit(tx, projectId, auditId);
    if (!before) throw auditNotFound(auditId);
    if (!(await repo.deleteAudit(tx, auditId, version)))
      throw stale('audit', await readAudit(tx, projectId, auditId));
    await recordAudit(tx, actor, {
      entityType: 'quality_audit',
      entityId: auditId,
      entityLabel: `${project.code} — ${before.title}`,
      projectId,
      action: 'delete',
      before: { title: before.title, kind: before.kind, plannedDate: before.plannedDate },
    });
  });
}

// ---------------------------------------------------------------- findings and actions

const findingNotFound = (id: string) =>
  new DomainError('QUALITY_FINDING_NOT_FOUND', `No finding ${id}`);

async function readFinding(db: Executor, projectId: string, findingId: string) {
  const f = await repo.findFinding(db, projectId, findingId);
  if (!f) throw findingNotFound(findingId);
  const day = today();
  const actions = await repo.actionsOfFindings(db, [f.id]);
  return toFinding(
    f,
    actions.map((a) => toAction(a, day)),
  );
}

export async function createFinding(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  auditId: string,
  input: z.infer<typeof CreateFindingBody>,
): Promise<QualityFinding> {
  const id = await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.read');
    const audit = await repo.findAudit(tx, projectId, auditId);
    if (!audit) throw auditNotFound(auditId);
    if (input.itemKey && !(audit.items as AuditItem[]).some((i) => i.key === input.itemKey)) {
      throw validationError([{ path: ['body', 'itemKey'], message: 'No such item in this audit' }]);
    }
    const [f] = await repo.insertFindings(tx, [
      {
        auditId,
        projectId,
        itemKey: input.itemKey,
        description: input.description,
        severity: input.severity,
      },
    ]);
    await recordAudit(tx, actor, {
      entityType: 'quality_finding',
      entityId: f!.id,
      entityLabel: `${project.code} — ${audit.title}`,
      projectId,
      action: 'create',
      after: { severity: f!.severity, description: f!.description, item: f!.itemKey },
    });
    return f!.id;
  });
  return readFinding(ctx.db, projectId, id);
}

/** Edits a finding; closing it needs its corrective actions done (and one for major/critical). */
export async function updateFinding(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  findingId: string,
  version: number,
  input: z.infer<typeof UpdateFindingBody>,
): Promise<QualityFinding> {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.read');
    const before = await repo.findFinding(tx, projectId, findingId);
    if (!before) throw findingNotFound(findingId);
    const severity = input.severity ?? (before.severity as FindingSeverity);
    const closing = input.status === 'closed' && before.status !== 'closed';
    if (closing) {
      const actions = await repo.actionsOfFindings(tx, [findingId]);
      const blocker = findingCloseBlocker(
        severity,
        actions.map((a) => ({ status: a.x.status as ActionStatus })),
      );
      if (blocker) {
        throw new DomainError('FINDING_NOT_CLOSABLE', `Finding ${findingId}: ${blocker}`, {
          reason: blocker,
          issues: [{ path: ['body', 'status'], message: blocker }],
        });
      }
    }
    const after = await repo.updateFinding(tx, findingId, version, {
      ...(input.description === undefined ? {} : { description: input.description }),
      severity,
      ...(input.status === undefined
        ? {}
        : {
            status: input.status,
            closedAt: input.status === 'closed' ? (before.closedAt ?? new Date()) : null,
          }),
    });
    if (!after) throw stale('finding', await readFinding(tx, projectId, findingId));
    await recordAudit(tx, actor, {
      entityType: 'quality_finding',
      entityId: findingId,
      entityLabel: `${project.code} — ${after.description.slice(0, 80)}`,
      projectId,
      action: 'update',
      before: { description: before.description, severity: before.severity, status: before.status },
      after: { description: after.description, severity: after.severity, status: after.status },
    });
  });
  return readFinding(ctx.db, projectId, findingId);
}

async function readAction(db: Executor, projectId: string, actionId: string) {
  const x = await repo.findAction(db, projectId, actionId);
  if (!x) throw new DomainError('CORRECTIVE_ACTION_NOT_FOUND', `No corrective action ${actionId}`);
  const [row] = (await repo.actionsOfFindings(db, [x.findingId])).filter(
    (a) => a.x.id === actionId,
  );
  return toAction(row!, today());
}

export async function createAction(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  findingId: string,
  input: z.infer<typeof CreateActionBody>,
): Promise<CorrectiveAction> {
  const id = await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const finding = await repo.findFinding(tx, projectId, findingId);
    if (!finding) throw findingNotFound(findingId);
    await assertPeopleExist(tx, { ownerId: input.ownerId });
    const [x] = await repo.insertActions(tx, [
      {
        findingId,
        projectId,
        description: input.description,
        ownerId: input.ownerId,
        dueDate: input.dueDate,
      },
    ]);
    await recordAudit(tx, actor, {
      entityType: 'corrective_action',
      entityId: x!.id,
      entityLabel: `${project.code} — ${x!.description.slice(0, 80)}`,
      projectId,
      action: 'create',
      after: { description: x!.description, ownerId: x!.ownerId, dueDate: x!.dueDate },
    });
    return x!.id;
  });
  return readAction(ctx.db, projectId, id);
}

export async function updateAction(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  actionId: string,
  version: number,
  input: z.infer<typeof UpdateActionBody>,
): Promise<CorrectiveAction> {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const before = await repo.findAction(tx, projectId, actionId);
    if (!before)
      throw new DomainError('CORRECTIVE_ACTION_NOT_FOUND', `No corrective action ${actionId}`);
    if (input.ownerId) await assertPeopleExist(tx, { ownerId: input.ownerId });
    const after = await repo.updateAction(tx, actionId, version, {
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.ownerId === undefined ? {} : { ownerId: input.ownerId }),
      ...(input.dueDate === undefined ? {} : { dueDate: input.dueDate }),
      ...(input.status === undefined
        ? {}
        : {
            status: input.status,
            doneAt: input.status === 'done' ? (before.doneAt ?? new Date()) : null,
          }),
    });
    if (!after) throw stale('corrective action', await readAction(tx, projectId, actionId));
    await recordAudit(tx, actor, {
      entityType: 'corrective_action',
      entityId: actionId,
      entityLabel: `${project.code} — ${after.description.slice(0, 80)}`,
      projectId,
      action: 'update',
      before: {
        description: before.description,
        ownerId: before.ownerId,
        dueDate: before.dueDate,
        status: before.status,
      },
      after: {
        description: after.description,
        ownerId: after.ownerId,
        dueDate: after.dueDate,
        status: after.status,
      },
    });
  });
  return readAction(ctx.db, projectId, actionId);
}

// ---------------------------------------------------------------- portfolio follow-up

const LIST_LIMIT = 500;

/** Findings of every visible project with their actions, and the counts the PMO follows. */
export async function listFindings(
  ctx: Ctx,
  actor: Actor,
  query: z.infer<typeof FindingQuery>,
): Promise<z.infer<typeof FindingList>> {
  const day = today();
  const visible = visibleProjectsCondition(actor);
  const [rows, summary] = await Promise.all([
    repo.portfolioFindings(ctx.db, {
      visible,
      portfolioId: query.portfolioId,
      projectId: query.projectId,
      status: query.status,
      severity: query.severity,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      today: day,
      limit: LIST_LIMIT,
    }),
    repo.portfolioCounts(ctx.db, visible, day, query.portfolioId, query.projectId),
  ]);
  const actions = await repo.actionsOfFindings(
    ctx.db,
    rows.map((r) => r.f.id),
  );
  const byFinding = new Map<string, CorrectiveAction[]>();
  for (const a of actions) {
    const list = byFinding.get(a.x.findingId) ?? [];
    list.push(toAction(a, day));
    byFinding.set(a.x.findingId, list);
  }
  return {
    items: rows.map((r) => ({
      ...toFinding(r.f, byFinding.get(r.f.id) ?? []),
      project: { id: r.f.projectId, code: r.projectCode, name: r.projectName },
      audit: { id: r.f.auditId, title: r.auditTitle, kind: r.auditKind as AuditKind },
    })),
    total: Number(rows[0]?.total ?? 0),
    summary,
  };
}
