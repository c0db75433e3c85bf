import "server-only";
import { findConnection } from "@outflow/db/connections";
import { countHeldSlots, readSlotPaces } from "@outflow/db/leases";
import { firingAlerts } from "@outflow/db/task-alerts";
import { findConfigVersion, listConfigVersions } from "@outflow/db/task-config-versions";
import { appendEvent, listEvents } from "@outflow/db/task-events";
import { readRate } from "@outflow/db/task-metric-samples";
import { readCountersConfirmedAt, readPartitionMetrics } from "@outflow/db/task-metrics";
import { findTask, insertTask, type OffsetReset, requestStart, requestStop, setOffsetReset, syncSlots, type TaskRecord, updateTask } from "@outflow/db/tasks";
import { safeCompileTask } from "@outflow/pipeline";
import { pageOf } from "@outflow/schemas/api/paging";
import type { TaskConfigVersionList, TaskConfigVersionQuery, TaskView } from "@outflow/schemas/api/responses";
import { MAX_CONFIG_BYTES } from "@outflow/schemas/api/tasks";
import { AppError, type Issue } from "@outflow/schemas/errors";
import { type EventWords, eventWords, worded } from "@outflow/schemas/event-words";
import { COUNTERS_REFRESH_SECONDS, countersExpectedToMove, figureAge, OFFSETS_REFRESH_SECONDS } from "@outflow/schemas/figure-age";
import { REGISTRY_FORMAT_TYPES } from "@outflow/schemas/formats";
import { mergePatch } from "@outflow/schemas/merge-patch";
import { reservedNameIssues } from "@outflow/schemas/reserved-names";
import type { EventActor, TaskEvent } from "@outflow/schemas/task";
import type { TaskConfig } from "@outflow/schemas/task-config";
import { serverError, serverIssue } from "@/lib/http/server-error";
import { ctx } from "@/server/context";
import { refreshOffsetsIfOld } from "./offsets-refresh";

/** Where the config reads a schema-registry format (value first, then key), if it does. */
function registryFormatField(config: TaskConfig): { field: string; type: string } | null {
  if ((REGISTRY_FORMAT_TYPES as readonly string[]).includes(config.parse.format.type)) {
    return { field: "parse.format", type: config.parse.format.type };
  }
  return config.parse.keyFormat ? { field: "parse.keyFormat", type: config.parse.keyFormat.type } : null;
}

/** The same compile the worker runs, plus checks that need the database. Issues are prefixed `config.`. */
async function validateConfig(raw: unknown): Promise<TaskConfig> {
  const bytes = Buffer.byteLength(JSON.stringify(raw) ?? "");
  if (bytes > MAX_CONFIG_BYTES) {
    throw serverError("payload_too_large", "configTooLarge", { bytes, limit: MAX_CONFIG_BYTES }, [
      serverIssue("config", "configBytesLimit", { limit: MAX_CONFIG_BYTES }),
    ]);
  }
  const compiled = safeCompileTask(raw);
  if (!compiled.ok) {
    throw AppError.invalid(compiled.issues, "config");
  }
  const config = compiled.task.config;
  const issues: Issue[] = [];
  const expectKind = async (id: string, kind: "kafka" | "elasticsearch", field: string) => {
    const row = await findConnection(ctx().db, id);
    if (!row) {
      issues.push(serverIssue(field, "connectionNotFound", { id }));
    } else if (row.kind !== kind) {
      issues.push(serverIssue(field, "connectionWrongKind", { name: row.name, kind: row.kind, expected: kind }));
    } else {
      return { name: row.name, ...(row.settings as { allowInternalTopics?: boolean; allowSystemIndices?: boolean; schemaRegistryId?: string }) };
    }
    return null;
  };
  const source = await expectKind(config.source.connectionId, "kafka", "config.source.connectionId");
  const sink = await expectKind(config.sink.connectionId, "elasticsearch", "config.sink.connectionId");
  const registryFormat = registryFormatField(config);
  if (source && !source.schemaRegistryId && registryFormat) {
    issues.push(serverIssue(`config.${registryFormat.field}`, "formatNeedsTaskRegistry", { format: registryFormat.type, connection: source.name }));
  }
  if (config.failure.policy === "dead_letter" && config.failure.connectionId) {
    await expectKind(config.failure.connectionId, "kafka", "config.failure.connectionId");
  }
  for (const issue of reservedNameIssues(config, source, sink)) {
    issues.push({ ...issue, field: `config.${issue.field}` });
  }
  if (issues.length > 0) {
    throw AppError.invalid(issues);
  }
  return config;
}

export async function createTask(input: { name: string; config: unknown }, actor: EventActor): Promise<TaskView> {
  const config = await validateConfig(input.config);
  await assertNameFree(input.name);
  return withMetrics(await insertTask(ctx().db, { name: input.name, config }, actorOnly(actor)));
}

export async function getTask(id: string): Promise<TaskView> {
  return withMetrics(await mustFind(id));
}

/** Name and/or a JSON merge patch of the config; a running task's consumers restart with the new version. */
export async function patchTask(id: string, patch: { name?: string; config?: unknown }, actor: EventActor, note?: EventWords): Promise<TaskView> {
  return saveTask(id, patch, (current) => (patch.config === undefined ? current : mergePatch(current, patch.config)), actor, note);
}

/** PUT: the whole config is replaced (options left out take their defaults). */
export async function replaceTask(id: string, body: { name: string; config: unknown }, actor: EventActor): Promise<TaskView> {
  return saveTask(id, body, () => body.config, actor);
}

async function saveTask(
  id: string,
  patch: { name?: string },
  nextConfig: (current: TaskConfig) => unknown,
  actor: EventActor,
  note?: EventWords,
): Promise<TaskView> {
  const { db, queue } = ctx();
  const current = await mustFind(id);
  const name = patch.name ?? current.name;
  if (name !== current.name) {
    await assertNameFree(name, id);
  }
  const candidate = nextConfig(current.config);
  const config = candidate === current.config ? current.config : await validateConfig(candidate);
  const startPositionChanged = JSON.stringify(config.source.startPosition) !== JSON.stringify(current.config.source.startPosition);
  const running = current.desiredState === "running";
  if (running && startPositionChanged) {
    throw serverError("conflict", "stopBeforeStartPosition", {}, [serverIssue("config.source.startPosition", "cannotChangeWhileRunning")]);
  }
  // A new consumer count alone needs no restart of the running consumers: only slots come and go.
  const sameApartFromConsumers =
    JSON.stringify({ ...config, source: { ...config.source, consumers: 0 } }) ===
    JSON.stringify({ ...current.config, source: { ...current.config.source, consumers: 0 } });
  const updated = await updateTask(db, id, { name, config, startPositionChanged, bumpVersion: !sameApartFromConsumers }, actorOnly(actor), note);
  if (running && config.source.consumers !== current.config.source.consumers) {
    // New slot count: lease rows to match; workers claim new slots, holders of surplus ones stop at renewal.
    await syncSlots(db, id, config.source.consumers);
  }
  if (running) {
    await queue.nudge(id);
    await queue.enqueue("task.reconcile", { taskId: id });
  }
  return withMetrics(updated);
}

export async function getConfigVersions(id: string, q: TaskConfigVersionQuery): Promise<TaskConfigVersionList> {
  await mustFind(id);
  const { items, total } = await listConfigVersions(ctx().db, id, { limit: q.limit, offset: q.offset, withConfig: q.config === "true" });
  return pageOf(items, total, q);
}

/** Saves an earlier version's config as the newest version (checked like any save; the name stays). */
export async function restoreConfigVersion(id: string, version: number, actor: EventActor): Promise<TaskView> {
  await mustFind(id);
  const config = await findConfigVersion(ctx().db, id, version);
  if (!config) {
    throw serverError("not_found", "configVersionNotFound", { id, version });
  }
  return saveTask(id, {}, () => config, actor, eventWords.restoredVersion(version));
}

export async function startTask(id: string, actor: EventActor): Promise<TaskView> {
  const { db, queue } = ctx();
  const current = await mustFind(id);
  if (current.desiredState === "running" && current.status !== "failed") {
    return withMetrics(current);
  }
  const task = await requestStart(db, id, current.config.source.consumers, actorOnly(actor));
  await queue.enqueue("task.reconcile", { taskId: id });
  return withMetrics(task);
}

export async function stopTask(id: string, actor: EventActor): Promise<TaskView> {
  const { db, queue } = ctx();
  await mustFind(id);
  const task = await requestStop(db, id, actorOnly(actor));
  await queue.nudge(id);
  return withMetrics(task);
}

/** Where the task starts next time; only while no consumer runs. */
export async function resetOffsets(id: string, reset: OffsetReset, actor: EventActor): Promise<TaskView> {
  const { db } = ctx();
  const task = await mustFind(id);
  if (task.desiredState === "running" || (await countHeldSlots(db, id)) > 0) {
    throw serverError("conflict", "stopBeforeReset");
  }
  if (reset.type === "offsets") {
    const bad = reset.offsets.findIndex((o) => !task.config.source.topics.includes(o.topic));
    if (bad >= 0) {
      throw AppError.invalid([serverIssue(`offsets.${bad}.topic`, "notTaskTopic", { topic: String(reset.offsets[bad]?.topic) })]);
    }
  }
  await setOffsetReset(db, id, reset);
  // The worker writes offsets_reset when it applies the position; this one says who asked for it.
  await appendEvent(db, id, {
    level: "info",
    kind: "reset_requested",
    ...worded(eventWords.resetRequested(reset.type), { reset }),
    actor: actorOnly(actor),
  });
  return getTask(id);
}

export async function getEvents(
  id: string,
  opts: { after?: string; before?: string; limit: number },
): Promise<{ items: TaskEvent[]; nextCursor: string | null; olderCursor: string | null }> {
  await mustFind(id);
  const { items, older } = await listEvents(ctx().db, id, opts);
  return { items, nextCursor: items.at(-1)?.id ?? opts.after ?? null, olderCursor: older ? (items[0]?.id ?? null) : null };
}

/** Events keep only who acted (an Actor also carries name, role and how it signed in). */
function actorOnly(actor: EventActor): EventActor {
  return { userId: actor.userId, email: actor.email };
}

async function withMetrics(task: TaskRecord): Promise<TaskView> {
  const { db } = ctx();
  const [m, rate, confirmed, paces] = await Promise.all([
    readPartitionMetrics(db, task.id),
    readRate(db, task.id),
    readCountersConfirmedAt(db, task.id),
    readSlotPaces(db, task.id),
  ]);
  refreshOffsetsIfOld(task, m.offsetsReadAt);
  const lags = m.partitions.map((p) => p.lag).filter((l): l is number => l !== null);
  const ledgers = m.partitions.map((p) => p.ledger.balanced);
  const alerts = (await firingAlerts(db, [task.id])).get(task.id) ?? [];
  return {
    ...task,
    alerts,
    metrics: {
      totals: m.totals,
      sinceReset: m.sinceReset,
      resetAt: m.resetAt,
      countersAge: figureAge(confirmed.at, confirmed.now, COUNTERS_REFRESH_SECONDS, countersExpectedToMove(task.status)),
      offsetsAge: figureAge(m.offsetsReadAt ? new Date(m.offsetsReadAt) : null, confirmed.now, OFFSETS_REFRESH_SECONDS, m.partitions.length > 0),
      balanced: ledgers.includes(null) ? null : ledgers.every(Boolean),
      ratePerSecond: Math.round(rate * 10) / 10,
      lag: lags.length ? lags.reduce((a, b) => a + b, 0) : null,
      partitions: m.partitions,
      lastError: m.lastError,
      updatedAt: m.updatedAt,
      writePace: writePaceOf(paces),
    },
  };
}

function writePaceOf(paces: Awaited<ReturnType<typeof readSlotPaces>>): TaskView["metrics"]["writePace"] {
  const slots = paces.map(({ slot, pace }) => ({ slot, ...pace }));
  const causes = new Set(slots.map((s) => s.backingOff));
  return { backingOff: causes.has("throttled") ? "throttled" : causes.has("slow") ? "slow" : null, slots };
}

async function mustFind(id: string): Promise<TaskRecord> {
  const task = await findTask(ctx().db, id);
  if (!task) {
    throw serverError("not_found", "taskNotFound", { id });
  }
  return task;
}

/** Names are unique ignoring case (also a unique index on lower(name): a concurrent save gets 409 too). */
async function assertNameFree(name: string, exceptId?: string): Promise<void> {
  const taken = await ctx().db.task.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (taken) {
    const issues = [serverIssue("name", "nameInUseIssue")];
    throw taken.name === name
      ? serverError("conflict", "taskNameTaken", { name }, issues)
      : serverError("conflict", "taskNameTakenAs", { name, existing: taken.name }, issues);
  }
}
