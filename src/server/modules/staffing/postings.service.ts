import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CreatePostingBody,
  PostingListQuery,
  RealisePostingBody,
  TrainingCostPosting,
} from '../../../contracts/skills.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { SEAT_HOLDERS } from '../../../core/staffing/training.ts';
import {
  type PostingKind,
  type PostingReview,
  followUp,
  postingDate,
  postingOutOfDate,
  postingReference,
  sessionCost,
} from '../../../core/skills/postings.ts';
import type { Ctx } from '../../context.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import * as finance from '../finance/finance.service.ts';
import { actualCosts, purchaseOrders } from '../finance/finance.tables.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { authorizeProject, visibleProjectsCondition } from '../portfolio/portfolio.service.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import { trainingCostPostings } from './skills.tables.ts';
import { trainingCourses, trainingSessions } from './staffing.tables.ts';

// Training costs charged to a project's budget line, through the finance service (its access
// rules, currency conversion, audit and roll-up aggregates): a commitment is a purchase order,
// an actual an « other » actual cost. The posting links the session to that finance record, in
// the same transaction; deleting the record in the budget deletes the posting (cascade).

const HOLDERS = `{${SEAT_HOLDERS.join(',')}}`;

interface PostingRow {
  id: string;
  session_id: string;
  project_id: string;
  project_code: string;
  project_name: string;
  line_id: string | null;
  line_label: string | null;
  kind: 'commitment' | 'actual';
  purchase_order_id: string | null;
  actual_cost_id: string | null;
  reference: string | null;
  amount_minor: string | number;
  currency: string;
  participants: number;
  own_cost: boolean;
  posted_on: string;
  current_cost: string | number;
  review: TrainingCostPosting['review'];
  version: number;
}

function toView(r: PostingRow): TrainingCostPosting {
  const amount = Number(r.amount_minor);
  const current = Number(r.current_cost);
  return {
    id: r.id,
    sessionId: r.session_id,
    project: { id: r.project_id, code: r.project_code, name: r.project_name },
    line: r.line_id ? { id: r.line_id, name: r.line_label ?? '' } : null,
    kind: r.kind,
    purchaseOrderId: r.purchase_order_id,
    actualCostId: r.actual_cost_id,
    reference: r.reference ?? '',
    amountMinor: amount,
    currency: r.currency,
    participants: r.participants,
    ownCost: r.own_cost,
    postedOn: r.posted_on,
    currentCostMinor: current,
    outOfDate: postingOutOfDate(amount, current, r.own_cost),
    review: r.review,
    version: r.version,
  };
}

/** Postings with their project, line, finance reference and the session's cost today. */
async function readPostings(db: Executor, where: ReturnType<typeof sql>) {
  const rows = await queryRows<PostingRow>(
    db,
    sql`select p.id, p.session_id, p.project_id, ${projects.code} as project_code,
               ${projects.name} as project_name, p.line_id, l.label as line_label, p.kind,
               p.purchase_order_id, p.actual_cost_id, coalesce(o.reference, a.reference) as reference,
               p.amount_minor::text as amount_minor, p.currency, p.participants, p.own_cost,
               p.posted_on::text as posted_on, p.review, p.version,
               (c.cost_minor * (select count(*) from training_enrolments e
                  where e.session_id = p.session_id and e.status = any(${HOLDERS}::text[])))::text
                 as current_cost
        from training_cost_postings p
        join ${projects} on ${projects.id} = p.project_id
        join training_sessions s on s.id = p.session_id
        join training_courses c on c.id = s.course_id
        left join budget_lines l on l.id = p.line_id
        left join purchase_orders o on o.id = p.purchase_order_id
        left join actual_costs a on a.id = p.actual_cost_id
        where ${where}
        order by s.start, p.id`,
  );
  return rows.map(toView);
}

/** The postings of the projects the actor sees (all sessions, or one). */
export async function listPostings(
  ctx: Ctx,
  actor: Actor,
  q: z.infer<typeof PostingListQuery>,
): Promise<{ items: TrainingCostPosting[] }> {
  const visible = visibleProjectsCondition(actor) ?? sql`true`;
  const session = q.sessionId ? sql`p.session_id = ${q.sessionId}` : sql`true`;
  return { items: await readPostings(ctx.db, sql`${visible} and ${session}`) };
}

async function postingOrThrow(db: Executor, actor: Actor, id: string) {
  const visible = visibleProjectsCondition(actor) ?? sql`true`;
  const [p] = await readPostings(db, sql`p.id = ${id} and ${visible}`);
  if (!p) throw new DomainError('TRAINING_COST_POSTING_NOT_FOUND', `No posting ${id}`);
  return p;
}

export async function getPosting(ctx: Ctx, actor: Actor, id: string) {
  return postingOrThrow(ctx.db, actor, id);
}

async function seatHolders(db: Executor, sessionId: string) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from training_enrolments
        where session_id = ${sessionId} and status = any(${HOLDERS}::text[])`,
  );
  return row?.n ?? 0;
}

function describe(title: string, participants: number, own: boolean) {
  return own ? `Formation « ${title} »` : `Formation « ${title} » × ${participants}`;
}

/**
 * Charges a session's cost (course cost × seats held, or the session's own amount) to a project
 * budget line as a commitment or an actual cost, through the finance service (which checks
 * `finance.manage` on that project and the line), in one transaction with its audit.
 */
export async function postSessionCost(
  ctx: Ctx,
  actor: Actor,
  sessionId: string,
  body: z.infer<typeof CreatePostingBody>,
) {
  const id = await ctx.db.transaction(async (tx) => {
    const [s] = await tx.select().from(trainingSessions).where(eq(trainingSessions.id, sessionId));
    if (!s) throw new DomainError('TRAINING_SESSION_NOT_FOUND', `No session ${sessionId}`);
    if (s.status === 'cancelled')
      throw new DomainError('SESSION_CANCELLED', 'This session is cancelled');
    const [already] = await tx
      .select({ id: trainingCostPostings.id })
      .from(trainingCostPostings)
      .where(eq(trainingCostPostings.sessionId, sessionId));
    if (already)
      throw new DomainError('TRAINING_COST_ALREADY_POSTED', 'This session is already posted', {
        postingId: already.id,
      });
    const [course] = await tx
      .select()
      .from(trainingCourses)
      .where(eq(trainingCourses.id, s.courseId));
    const seats = await seatHolders(tx, sessionId);
    const own = body.amountMinor !== undefined;
    const amount = sessionCost(course!.costMinor, seats, body.amountMinor);
    if (amount <= 0)
      throw new DomainError('VALIDATION_FAILED', 'Nothing to post: no seat held or a free course', {
        issues: [
          { path: ['body', 'amountMinor'], message: 'No cost: give the session’s own amount' },
        ],
      });
    const date = postingDate(body.kind, s, body.date);
    const fctx = { ...ctx, db: tx };
    const record = {
      lineId: body.lineId,
      supplier: course!.provider || 'Formation interne',
      reference: postingReference(course!.code, s.start),
      description: describe(course!.title, seats, own),
      amount,
      currency: course!.currency,
    };
    let purchaseOrderId: string | null = null;
    let actualCostId: string | null = null;
    if (body.kind === 'commitment') {
      const po = await finance.createPurchaseOrder(fctx, actor, body.projectId, {
        ...record,
        orderDate: date,
      });
      purchaseOrderId = po.id;
    } else {
      const a = await finance.createActual(fctx, actor, body.projectId, {
        ...record,
        source: 'other',
        date,
      });
      actualCostId = a.id;
    }
    const [row] = await tx
      .insert(trainingCostPostings)
      .values({
        sessionId,
        projectId: body.projectId,
        lineId: body.lineId,
        kind: body.kind,
        purchaseOrderId,
        actualCostId,
        amountMinor: amount,
        currency: course!.currency,
        participants: seats,
        ownCost: own,
        postedOn: date,
      })
      .returning();
    await recordAudit(tx, actor, {
      entityType: 'training_cost_posting',
      entityId: row!.id,
      entityLabel: `${record.reference}`,
      projectId: body.projectId,
      action: 'create',
      after: {
        kind: body.kind,
        amountMinor: amount,
        currency: course!.currency,
        participants: seats,
        lineId: body.lineId,
        postedOn: date,
      },
    });
    return row!.id;
  });
  return postingOrThrow(ctx.db, actor, id);
}

function stale(current: unknown) {
  return new DomainError('VERSION_MISMATCH', 'Someone else changed this posting', { current });
}

/**
 * The commitment becomes an actual cost (the training was given and invoiced): the actual cost
 * is created, the purchase order deleted, through the finance service; If-Match; one transaction.
 */
export async function realisePosting(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  body: z.infer<typeof RealisePostingBody>,
) {
  await ctx.db.transaction(async (tx) => {
    const p = await postingOrThrow(tx, actor, id);
    if (p.version !== version) throw stale(p);
    if (p.kind !== 'commitment' || !p.purchaseOrderId)
      throw new DomainError('TRAINING_COST_ALREADY_ACTUAL', 'Already an actual cost');
    const [s] = await tx
      .select()
      .from(trainingSessions)
      .where(eq(trainingSessions.id, p.sessionId));
    const [po] = await tx
      .select()
      .from(purchaseOrders)
      .where(eq(purchaseOrders.id, p.purchaseOrderId));
    const date = postingDate('actual', s!, body.date);
    const amount = body.amountMinor ?? p.amountMinor;
    const fctx = { ...ctx, db: tx };
    const a = await finance.createActual(fctx, actor, p.project.id, {
      lineId: p.line?.id ?? null,
      source: 'other',
      date,
      supplier: po!.supplier,
      reference: po!.reference,
      description: po!.description,
      amount,
      currency: p.currency,
    });
    const [after] = await tx
      .update(trainingCostPostings)
      .set({
        kind: 'actual',
        actualCostId: a.id,
        purchaseOrderId: null,
        amountMinor: amount,
        ownCost: p.ownCost || body.amountMinor !== undefined,
        postedOn: date,
        version: sql`${trainingCostPostings.version} + 1`,
        updatedAt: new Date(),
      })
      .where(
        sql`${trainingCostPostings.id} = ${id} and ${trainingCostPostings.version} = ${version}`,
      )
      .returning({ id: trainingCostPostings.id });
    if (!after) throw stale(p);
    await finance.deletePurchaseOrder(fctx, actor, p.project.id, po!.id, po!.version);
    await recordAudit(tx, actor, {
      entityType: 'training_cost_posting',
      entityId: id,
      entityLabel: p.reference,
      projectId: p.project.id,
      action: 'update',
      before: { kind: 'commitment', amountMinor: p.amountMinor, postedOn: p.postedOn },
      after: { kind: 'actual', amountMinor: amount, postedOn: date },
    });
  });
  return postingOrThrow(ctx.db, actor, id);
}

/** Withdraws a posting: its purchase order or actual cost is deleted through finance (If-Match). */
export async function deletePosting(ctx: Ctx, actor: Actor, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const p = await postingOrThrow(tx, actor, id);
    if (p.version !== version) throw stale(p);
    await recordAudit(tx, actor, {
      entityType: 'training_cost_posting',
      entityId: id,
      entityLabel: p.reference,
      projectId: p.project.id,
      action: 'delete',
      before: {
        kind: p.kind,
        amountMinor: p.amountMinor,
        currency: p.currency,
        postedOn: p.postedOn,
      },
    });
    const fctx = { ...ctx, db: tx };
    if (p.purchaseOrderId) {
      const [po] = await tx
        .select({ version: purchaseOrders.version })
        .from(purchaseOrders)
        .where(eq(purchaseOrders.id, p.purchaseOrderId));
      await finance.deletePurchaseOrder(fctx, actor, p.project.id, p.purchaseOrderId, po!.version);
    } else if (p.actualCostId) {
      const [a] = await tx
        .select({ version: actualCosts.version })
        .from(actualCosts)
        .where(eq(actualCosts.id, p.actualCostId));
      await finance.deleteActual(fctx, actor, p.project.id, p.actualCostId, a!.version);
    }
    // The finance record's deletion took the posting with it (cascade); make sure.
    await tx.delete(trainingCostPostings).where(eq(trainingCostPostings.id, id));
  });
}

/** Finance has looked at an actual cost flagged for review: the flag is cleared (If-Match). */
export async function markReviewed(ctx: Ctx, actor: Actor, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const p = await postingOrThrow(tx, actor, id);
    if (p.version !== version) throw stale(p);
    await authorizeProject(tx, actor, p.project.id, 'finance.manage');
    if (p.review === null) return;
    // What finance checked: the seats held now (a later change flags it again).
    const seats = await seatHolders(tx, p.sessionId);
    const [after] = await tx
      .update(trainingCostPostings)
      .set({
        review: null,
        participants: seats,
        version: sql`${trainingCostPostings.version} + 1`,
        updatedAt: new Date(),
      })
      .where(
        sql`${trainingCostPostings.id} = ${id} and ${trainingCostPostings.version} = ${version}`,
      )
      .returning({ id: trainingCostPostings.id });
    if (!after) throw stale(p);
    await recordAudit(tx, actor, {
      entityType: 'training_cost_posting',
      entityId: id,
      entityLabel: p.reference,
      projectId: p.project.id,
      action: 'update',
      before: { review: p.review },
      after: { review: null },
    });
  });
  return postingOrThrow(ctx.db, actor, id);
}

/**
 * A session's posting follows its enrolments and its cancellation, in the caller's
 * transaction (called by the training service after every enrolment or session change):
 * - a commitment (purchase order) is recomputed (course cost × seats held) and its order
 *   updated through finance; when the session is cancelled or nobody holds a seat any more,
 *   the order and the posting are removed;
 * - an actual cost is never changed: it is flagged for finance to review (participants changed
 *   or session cancelled);
 * - a posting at the session's own price (intra-company) does not depend on seats.
 * The posting was authorised by finance when it was made; its follow-ups are made on its behalf
 * (the finance service is called with the acting user's name and an administrator's rights, so
 * a training manager's enrolment change is not refused for want of finance.manage).
 */
export async function followSession(ctx: Ctx, actor: Actor, sessionId: string) {
  const tx = ctx.db;
  const [p] = await tx
    .select()
    .from(trainingCostPostings)
    .where(eq(trainingCostPostings.sessionId, sessionId));
  if (!p) return;
  const [s] = await tx.select().from(trainingSessions).where(eq(trainingSessions.id, sessionId));
  const [course] = await tx
    .select()
    .from(trainingCourses)
    .where(eq(trainingCourses.id, s!.courseId));
  const seats = await seatHolders(tx, sessionId);
  const target = followUp(
    {
      kind: p.kind as PostingKind,
      amountMinor: p.amountMinor,
      participants: p.participants,
      ownCost: p.ownCost,
      review: p.review as PostingReview | null,
    },
    { cancelled: s!.status === 'cancelled', costPerParticipant: course!.costMinor, seats },
  );
  if (target.action === 'none') return;
  const onBehalf: Actor = { ...actor, role: 'admin' };
  const label = postingReference(course!.code, s!.start);
  if (target.action === 'remove') {
    const [po] = await tx
      .select({ id: purchaseOrders.id, version: purchaseOrders.version })
      .from(purchaseOrders)
      .where(eq(purchaseOrders.id, p.purchaseOrderId!));
    await recordAudit(tx, actor, {
      entityType: 'training_cost_posting',
      entityId: p.id,
      entityLabel: label,
      projectId: p.projectId,
      action: 'delete',
      before: { kind: p.kind, amountMinor: p.amountMinor, participants: p.participants },
      after: { reason: target.reason },
    });
    if (po) await finance.deletePurchaseOrder(ctx, onBehalf, p.projectId, po.id, po.version);
    await tx.delete(trainingCostPostings).where(eq(trainingCostPostings.id, p.id));
    return;
  }
  if (target.action === 'flag') {
    await tx
      .update(trainingCostPostings)
      .set({
        review: target.review,
        version: sql`${trainingCostPostings.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(trainingCostPostings.id, p.id));
    await recordAudit(tx, actor, {
      entityType: 'training_cost_posting',
      entityId: p.id,
      entityLabel: label,
      projectId: p.projectId,
      action: 'update',
      before: { review: p.review },
      after: { review: target.review },
    });
    return;
  }
  // recompute the commitment
  const [po] = await tx
    .select()
    .from(purchaseOrders)
    .where(eq(purchaseOrders.id, p.purchaseOrderId!));
  if (po) {
    await finance.updatePurchaseOrder(ctx, onBehalf, p.projectId, po.id, po.version, {
      lineId: po.lineId,
      supplier: po.supplier,
      reference: po.reference,
      description: describe(course!.title, seats, false),
      orderDate: po.orderDate,
      amount: target.amountMinor,
      currency: po.currency,
    });
  }
  await tx
    .update(trainingCostPostings)
    .set({
      amountMinor: target.amountMinor,
      participants: seats,
      version: sql`${trainingCostPostings.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(trainingCostPostings.id, p.id));
  await recordAudit(tx, actor, {
    entityType: 'training_cost_posting',
    entityId: p.id,
    entityLabel: label,
    projectId: p.projectId,
    action: 'update',
    before: { amountMinor: p.amountMinor, participants: p.participants },
    after: { amountMinor: target.amountMinor, participants: seats },
  });
}
