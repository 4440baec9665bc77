import { PgBoss, fromPglite } from 'pg-boss';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/client.ts';
import { purgeAuditEvents } from '../modules/platform/audit.service.ts';
import { deleteExpiredSessions } from '../modules/platform/platform.repository.ts';
import { runTimeReminders } from '../modules/time/time.reminders.ts';
import { computeKpis } from '../modules/reporting/reporting.service.ts';
import { runReportReminders } from '../modules/reporting/dashboards.reminders.ts';
import { refreshSnapshots } from '../modules/reporting/dash.service.ts';
import { syncLabourActuals } from '../modules/finance/finance.labour.ts';
import { runDeliveries } from '../modules/reporting/copil/delivery.service.ts';
import { runActionReminders } from '../modules/risks/raid.reminders.ts';
import { runSnapshots } from '../modules/evm/evm.service.ts';
import {
  FRONTIER_QUEUE,
  runFrontierJob,
  useFrontierQueue,
} from '../modules/strategy/frontier.job.ts';

/** The recurring jobs: name, cron (Europe/Paris) and what they do. */
const SCHEDULES = [
  {
    name: 'audit-retention',
    cron: '15 3 * * *',
    run: async (ctx: Ctx) => ({
      deleted: await purgeAuditEvents(ctx.db, ctx.config.auditRetentionDays),
    }),
  },
  {
    name: 'session-cleanup',
    cron: '5 * * * *',
    run: async (ctx: Ctx) => ({
      deleted: await deleteExpiredSessions(ctx.db, ctx.config.sessionIdleMinutes),
    }),
  },
  {
    // Missing and late timesheets (CRA): in-app notifications, each sent once per week.
    name: 'time-reminders',
    cron: '0 9 * * 1-5',
    run: async (ctx: Ctx) => runTimeReminders(ctx, new Date().toISOString().slice(0, 10)),
  },
  {
    // KPI history: every KPI of the library computed for every scope, each night.
    name: 'kpi-snapshot',
    cron: '30 2 * * *',
    run: (ctx: Ctx) => computeKpis(ctx),
  },
  {
    // Status reports (météo) missing, in draft or sent back: a reminder to the project manager.
    name: 'report-reminders',
    cron: '0 9 * * 1-5',
    run: (ctx: Ctx) => runReportReminders(ctx, new Date().toISOString().slice(0, 10)),
  },
  {
    // Portfolio dashboard snapshots: every project's metrics recomputed set-wise, hourly.
    name: 'dash-snapshot',
    cron: '20 * * * *',
    run: (ctx: Ctx) => refreshSnapshots(ctx),
  },
  {
    // Labour actuals: approved timesheet hours × dated cost rates, at most 15 minutes behind.
    name: 'labour-actuals',
    cron: '*/15 * * * *',
    run: (ctx: Ctx) => syncLabourActuals(ctx, null),
  },
  {
    // Scheduled reports by e-mail: subscriptions due today, then failed deliveries to retry.
    name: 'scheduled-reports',
    cron: '*/10 * * * *',
    run: (ctx: Ctx) => runDeliveries(ctx),
  },
  {
    // RAID actions due within three days or overdue: an in-app notification to their owner.
    name: 'raid-action-reminders',
    cron: '0 8 * * *',
    run: async (ctx: Ctx) => runActionReminders(ctx, new Date().toISOString().slice(0, 10)),
  },
  {
    // EV history: the month-end snapshot (PV, EV, AC, EAC) of every project not closed by hand.
    name: 'evm-snapshots',
    cron: '30 4 1 * *',
    run: (ctx: Ctx) => runSnapshots(ctx, null),
  },
] as const;

export type JobName = (typeof SCHEDULES)[number]['name'];

/**
 * Starts the PostgreSQL-backed job queue (pg-boss) on the same database: every instance
 * schedules and works the same queues, and each job runs once.
 */
export async function startJobs(
  ctx: Ctx,
  database: Database,
  log: (msg: string, extra?: object) => void,
) {
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite' })
      : new PgBoss({ connectionString: database.url!, max: 2 });
  boss.on('error', (err: Error) => log('job queue error', { err: err.message }));
  await boss.start();
  for (const job of SCHEDULES) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, {}, { tz: 'Europe/Paris' });
    await boss.work(job.name, async () => {
      const result = await job.run(ctx);
      log(`job ${job.name} done`, result);
      return result;
    });
  }
  // On-demand jobs: a scenario's efficient frontier (one at a time per instance; a job whose
  // process died is retried once it expires).
  await boss.createQueue(FRONTIER_QUEUE, { expireInSeconds: 15 * 60, retryLimit: 1 });
  await boss.work<{ runId: string }>(
    FRONTIER_QUEUE,
    { pollingIntervalSeconds: 1 },
    async ([job]) => {
      if (job) await runFrontierJob(ctx, job.data.runId);
    },
  );
  useFrontierQueue((runId) => boss.send(FRONTIER_QUEUE, { runId }));
  return {
    boss,
    /** Runs a job now (used by tests and the CLI) and waits for its result. */
    async runNow(name: JobName) {
      const job = SCHEDULES.find((s) => s.name === name)!;
      return job.run(ctx);
    },
    stop: () => {
      useFrontierQueue(null);
      return boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}
