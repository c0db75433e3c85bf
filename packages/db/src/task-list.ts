import { ALERTING, SPARKLINE_BUCKET_SECONDS, SPARKLINE_MINUTES, type TaskListItem, type TaskListQuery } from "@outflow/schemas/api/task-list";
import { figureAge, OFFSETS_REFRESH_SECONDS } from "@outflow/schemas/figure-age";
import { type DesiredState, RATE_WINDOW_SECONDS, type TaskStatus } from "@outflow/schemas/task";
import { type Db, Prisma } from "./client";
import { type RateSample, rateOverWindow } from "./rate-window";
import { type BucketSample, sparklineOf } from "./sparkline";
import { pageOf, type RankedTask } from "./task-list-order";

export type TaskListFilter = Pick<TaskListQuery, "q" | "status" | "connection">;

/**
 * One page of the task list with what each row shows. A fixed number of queries whatever the page size: the
 * matching tasks' names, statuses and lag (all of them: the order needs them), their rates when sorting by rate,
 * then the page's rows, totals, rates and sparklines. Ordering happens here, not in SQL, so that the rate is the one
 * `rateOverWindow` computes everywhere else.
 */
export async function listTaskPage(db: Db, query: TaskListQuery): Promise<{ items: TaskListItem[]; total: number }> {
  const matching = await rankRows(db, query);
  const rates =
    query.sort === "rate"
      ? await readRates(
          db,
          matching.map((t) => t.id),
        )
      : new Map<string, number>();
  const ranked: RankedTask[] = matching.map((t) => ({ ...t, ratePerSecond: rates.get(t.id) ?? 0 }));
  const page = pageOf(ranked, query.sort, query.order, query.offset, query.limit);
  const ids = page.map((t) => t.id);
  if (ids.length === 0) {
    return { items: [], total: matching.length };
  }
  const [rows, pageRates, sparklines] = await Promise.all([
    pageRows(db, ids),
    query.sort === "rate" ? Promise.resolve(rates) : readRates(db, ids),
    readSparklines(db, ids),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = page.flatMap((t): TaskListItem[] => {
    const r = byId.get(t.id);
    if (!r) {
      return []; // deleted between the two reads
    }
    return [
      {
        id: r.id,
        name: r.name,
        status: r.status,
        desiredState: r.desiredState,
        statusReason: r.statusReason,
        configVersion: r.configVersion,
        topics: Array.isArray(r.topics) ? r.topics.map(String) : [],
        sourceConnectionId: r.sourceConnectionId,
        sinkConnectionId: r.sinkConnectionId,
        targetIndex: r.targetIndex ?? "",
        alerting: t.alerting,
        metrics: {
          ratePerSecond: Math.round((pageRates.get(r.id) ?? 0) * 10) / 10,
          lag: r.lag === null ? null : Number(r.lag),
          lagAge: figureAge(r.offsetsReadAt, r.now, OFFSETS_REFRESH_SECONDS, r.partitions !== null),
          messagesIn: Number(r.messagesIn),
          documentsWritten: Number(r.documentsWritten),
          discarded: Number(r.discarded),
          deadLettered: Number(r.deadLettered),
          lastError: r.lastError,
          updatedAt: r.metricsAt?.toISOString() ?? null,
        },
        sparkline: sparklineOf(sparklines.get(r.id) ?? []),
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      },
    ];
  });
  return { items, total: matching.length };
}

/** SQL: the task `t` has a firing alert. */
const firing = Prisma.sql`EXISTS (SELECT 1 FROM task_alerts a WHERE a."taskId" = t.id AND a.firing_since IS NOT NULL)`;

/** SQL for a task's lag: the sum over partitions with a known end offset; null while none has one. */
const lagOf = Prisma.sql`SUM(GREATEST("endOffset"::numeric - COALESCE("committedOffset"::numeric, 0), 0)) FILTER (WHERE "endOffset" IS NOT NULL)`;

function whereOf(f: TaskListFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.q) {
    parts.push(Prisma.sql`t.name ILIKE ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  }
  if (f.status?.length) {
    const statuses = f.status.filter((x) => x !== ALERTING);
    const either = [Prisma.sql`t.status::text = ANY(${statuses}::text[])`];
    if (f.status.includes(ALERTING)) {
      either.push(firing);
    }
    parts.push(Prisma.sql`(${Prisma.join(either, " OR ")})`);
  }
  if (f.connection) {
    parts.push(Prisma.sql`(t."sourceConnectionId" = ${f.connection} OR t."sinkConnectionId" = ${f.connection})`);
  }
  return Prisma.join(parts, " AND ");
}

async function rankRows(db: Db, f: TaskListFilter): Promise<Omit<RankedTask, "ratePerSecond">[]> {
  const rows = await db.$queryRaw<{ id: string; name: string; status: TaskStatus; alerting: boolean; lag: Prisma.Decimal | null }[]>`
    SELECT t.id, t.name, t.status::text AS status, ${firing} AS alerting, m.lag
      FROM tasks t
      LEFT JOIN (SELECT "taskId", ${lagOf} AS lag FROM task_partition_metrics GROUP BY "taskId") m ON m."taskId" = t.id
     WHERE ${whereOf(f)}`;
  return rows.map((r) => ({ id: r.id, name: r.name, status: r.status, alerting: r.alerting, lag: r.lag === null ? null : Number(r.lag) }));
}

type PageRow = {
  id: string;
  name: string;
  status: TaskStatus;
  desiredState: DesiredState;
  statusReason: string | null;
  configVersion: number;
  topics: unknown;
  targetIndex: string | null;
  sourceConnectionId: string;
  sinkConnectionId: string;
  createdAt: Date;
  updatedAt: Date;
  lag: Prisma.Decimal | null;
  partitions: bigint | null;
  messagesIn: Prisma.Decimal;
  documentsWritten: Prisma.Decimal;
  discarded: Prisma.Decimal;
  deadLettered: Prisma.Decimal;
  lastError: string | null;
  metricsAt: Date | null;
  offsetsReadAt: Date | null;
  now: Date;
};

/** The page's tasks with their totals; of the config only the topics and the index (a config can be large). */
async function pageRows(db: Db, ids: string[]): Promise<PageRow[]> {
  return db.$queryRaw<PageRow[]>`
    SELECT t.id, t.name, t.status::text AS status, t."desiredState"::text AS "desiredState", t."statusReason", t."configVersion",
           t.config->'source'->'topics' AS topics, t.config->'sink'->>'index' AS "targetIndex",
           t."sourceConnectionId", t."sinkConnectionId", t."createdAt", t."updatedAt",
           m.lag, COALESCE(m."messagesIn", 0) AS "messagesIn", COALESCE(m."documentsWritten", 0) AS "documentsWritten",
           COALESCE(m.discarded, 0) AS discarded, COALESCE(m."deadLettered", 0) AS "deadLettered", m."metricsAt",
           m."offsetsReadAt", m.partitions, now() AS now,
           (SELECT p."lastError" FROM task_partition_metrics p WHERE p."taskId" = t.id AND p."lastError" IS NOT NULL
             ORDER BY p."updatedAt" DESC LIMIT 1) AS "lastError"
      FROM tasks t
      LEFT JOIN (SELECT "taskId", ${lagOf} AS lag, SUM("messagesIn") AS "messagesIn", SUM("documentsWritten") AS "documentsWritten",
                        SUM(discarded) AS discarded, SUM("deadLettered") AS "deadLettered", MAX("updatedAt") AS "metricsAt",
                        MIN("offsetsReadAt") AS "offsetsReadAt", COUNT(*) AS partitions
                   FROM task_partition_metrics WHERE "taskId" = ANY(${ids}::text[]) GROUP BY "taskId") m ON m."taskId" = t.id
     WHERE t.id = ANY(${ids}::text[])`;
}

/** Each task's `ratePerSecond`, as `GET /api/tasks/:id` computes it, from one read of the samples of all of them. */
async function readRates(db: Db, ids: string[]): Promise<Map<string, number>> {
  const rates = new Map<string, number>();
  if (ids.length === 0) {
    return rates;
  }
  const windowMs = RATE_WINDOW_SECONDS * 1000;
  const rows = await db.$queryRaw<(RateSample & { taskId: string; now: Date })[]>`
    SELECT "taskId", at, "messagesIn", now() AS now FROM task_metric_samples
     WHERE "taskId" = ANY(${ids}::text[]) AND at > now() - make_interval(secs => ${(2 * windowMs) / 1000}::double precision)
     ORDER BY "taskId", at ASC`;
  for (const [taskId, samples] of groupBy(rows)) {
    const now = samples[0]?.now;
    rates.set(taskId, now ? rateOverWindow(samples, now, { windowMs }) : 0);
  }
  return rates;
}

/**
 * The last sample of each 30 s bucket (aligned to the clock) over the sparkline's span, one bucket more than it
 * shows (the first point's base): an index lookup per task and bucket, not a scan of every sample in the span.
 */
async function readSparklines(db: Db, ids: string[]): Promise<Map<string, BucketSample[]>> {
  const buckets = Math.ceil((SPARKLINE_MINUTES * 60) / SPARKLINE_BUCKET_SECONDS);
  const rows = await db.$queryRaw<(BucketSample & { taskId: string })[]>`
    WITH edges AS (
      SELECT date_bin(make_interval(secs => ${SPARKLINE_BUCKET_SECONDS}::double precision), localtimestamp, TIMESTAMP '2000-01-01')
             + make_interval(secs => ${SPARKLINE_BUCKET_SECONDS}::double precision * (1 - n)) AS "end"
        FROM generate_series(0, ${buckets}::int) AS n)
    SELECT t.id AS "taskId", s.at, s."messagesIn", s.lag
      FROM unnest(${ids}::text[]) AS t(id)
     CROSS JOIN edges e
     CROSS JOIN LATERAL (SELECT at, "messagesIn", lag FROM task_metric_samples
                          WHERE "taskId" = t.id AND at < e."end"
                            AND at >= e."end" - make_interval(secs => ${SPARKLINE_BUCKET_SECONDS}::double precision)
                          ORDER BY at DESC LIMIT 1) s
     ORDER BY t.id, s.at`;
  return groupBy(rows);
}

function groupBy<T extends { taskId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.taskId);
    if (list) {
      list.push(r);
    } else {
      out.set(r.taskId, [r]);
    }
  }
  return out;
}
