// Answers and CPU of the capacity heat map and the staffing ranking on the benchmarks' databases
// (`jalon_bench_resources`, `jalon_bench_staffing`, left on the PostgreSQL server by
// `npm run bench -- resources-capacity staffing-ranking`): for checking that a change to how they
// are computed keeps them byte-identical, and for measuring Node CPU per call on a shared machine.
//   DATABASE_URL=postgres://…/jalon node bench/answers-check.ts [out.json] [runs]
// writes the JSON of every answer (the heat map by team, person, role and org unit, in weeks and
// months, with and without proposed allocations, one filtered by team; the staffing ranking,
// its first page, all of it and the qualified only) to out.json with a sha256 prefix each, and
// prints Node's CPU per call (process.cpuUsage: what a shared machine's load does not inflate
// as it does wall clock). Compare two runs' `sums` to check that the answers did not change.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { heatMap } from '../src/server/modules/resources/capacity.service.ts';
import { candidates } from '../src/server/modules/staffing/staffing.service.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const out = process.argv[2] ?? '/tmp/answers.json';
const runs = Number(process.argv[3] ?? 5);
const at = (name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};
const config = loadConfig({ LOG_LEVEL: 'silent' }, {});
const answers: Record<string, string> = {};
const cpu = async (label: string, fn: () => Promise<unknown>) => {
  await fn();
  const times: number[] = [];
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  walls.sort((a, b) => a - b);
  const mid = (x: number[]) => x[Math.floor(x.length / 2)]!.toFixed(0);
  console.log(`${label}: Node CPU median ${mid(times)} ms, wall median ${mid(walls)} ms`);
};

const resources = await openDatabase({ url: at('jalon_bench_resources') });
try {
  const ctx = { db: resources.db, config };
  for (const unit of ['week', 'month'] as const) {
    for (const groupBy of ['team', 'person', 'role', 'orgUnit'] as const) {
      const query = {
        from: '2026-01-05',
        unit,
        buckets: unit === 'week' ? 104 : 24,
        groupBy,
        includeSoft: true,
        overOnly: false,
        limit: groupBy === 'person' ? 5000 : 200,
      };
      answers[`heat ${groupBy} ${unit}`] = JSON.stringify(await heatMap(ctx, query));
      answers[`heat ${groupBy} ${unit} hard over`] = JSON.stringify(
        await heatMap(ctx, { ...query, includeSoft: false, overOnly: true }),
      );
    }
  }
  const [team] = (
    (await resources.db.execute(
      sql`select id from resource_teams order by code limit 1`,
    )) as unknown as {
      rows: { id: string }[];
    }
  ).rows;
  answers['heat person week team filter'] = JSON.stringify(
    await heatMap(ctx, {
      from: '2026-01-05',
      unit: 'week',
      buckets: 104,
      groupBy: 'person',
      includeSoft: true,
      overOnly: false,
      limit: 5000,
      teamId: team!.id,
    }),
  );
  for (const groupBy of ['team', 'person'] as const) {
    await cpu(`heat map by ${groupBy}`, () =>
      heatMap(ctx, {
        from: '2026-01-05',
        unit: 'week',
        buckets: 104,
        groupBy,
        includeSoft: true,
        overOnly: false,
        limit: 200,
      }),
    );
  }
} finally {
  await resources.close();
}

const staffing = await openDatabase({ url: at('jalon_bench_staffing') });
try {
  const ctx = { db: staffing.db, config };
  const [row] = (
    (await staffing.db.execute(sql`select id from resource_requests limit 1`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows;
  const query = { limit: 30, qualifiedOnly: false, wSkills: 50, wAvailability: 35, wCost: 15 };
  answers['ranking'] = JSON.stringify(await candidates(ctx, row!.id, query));
  answers['ranking all'] = JSON.stringify(
    await candidates(ctx, row!.id, { ...query, limit: 5000 }),
  );
  answers['ranking qualified'] = JSON.stringify(
    await candidates(ctx, row!.id, { ...query, qualifiedOnly: true, limit: 5000 }),
  );
  await cpu('ranking', () => candidates(ctx, row!.id, query));
} finally {
  await staffing.close();
}

const sums = Object.fromEntries(
  Object.entries(answers).map(([k, v]) => [
    k,
    createHash('sha256').update(v).digest('hex').slice(0, 16),
  ]),
);
writeFileSync(out, JSON.stringify({ sums, answers }));
for (const [k, v] of Object.entries(sums)) console.log(`${v}  ${k}`);
