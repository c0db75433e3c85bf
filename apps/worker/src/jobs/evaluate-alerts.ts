import { type AlertRow, observeMetrics, readAlertRecords, writeAlertRecords } from "@outflow/db/task-alerts";
import { appendEvent } from "@outflow/db/task-events";
import { listTasks, type TaskRecord, withTaskLock } from "@outflow/db/tasks";
import { webhooksFor } from "@outflow/db/webhooks";
import type { ControlQueue } from "@outflow/queue/control-queue";
import type { AlertNotification } from "@outflow/schemas/alerts";
import { describeAlert, eventWords, worded } from "@outflow/schemas/event-words";
import { mapStrings, maskedReason } from "@outflow/schemas/reason-values";
import { type AlertRecord, type AlertTransition, evaluateAlerts } from "../alerts/alert-evaluator";
import type { RunnerDeps } from "../runner/runner-deps";
import { defineJob } from "./define-job";

/**
 * One pass over every task's alert rules (a repeating job, so one worker runs each pass): the evaluator's
 * transitions become events, and each one a delivery job per webhook that takes it. A task is evaluated under its
 * own lock and its records are stored in Postgres, so two passes or a restarted worker never fire an alert twice.
 */
export const evaluateAlertsJob = (deps: RunnerDeps, queue: ControlQueue) =>
  defineJob({
    name: "alerts.evaluate",
    async handle() {
      for (const task of await listTasks(deps.db)) {
        try {
          await withTaskLock(deps.db, task.id, "alerts", () => evaluateTask(deps, queue, task), 30_000);
        } catch (err) {
          deps.log.warn("alert evaluation failed", { taskId: task.id, err: (err as Error).message });
        }
      }
    },
  });

async function evaluateTask(deps: RunnerDeps, queue: ControlQueue, task: TaskRecord): Promise<void> {
  const { db } = deps;
  const rules = task.config.alerts;
  const observed = await observeMetrics(db, task.id, Math.max(rules.lagGrowing.minutes, rules.stalled.minutes));
  const previous = (await readAlertRecords(db, task.id)).map(toRecord);
  const { next, transitions } = evaluateAlerts(
    rules,
    {
      now: observed.now.getTime(),
      status: task.status,
      desiredState: task.desiredState,
      statusReason: task.statusReason,
      lag: observed.lag,
      samples: observed.samples.map((s) => ({ ...s, at: s.at.getTime() })),
    },
    previous,
  );
  if (JSON.stringify(next) !== JSON.stringify(previous)) {
    await db.$transaction((tx) => writeAlertRecords(tx, task.id, next.map(toRow)));
  }
  for (const t of transitions) {
    await announce(deps, queue, task, t, rules.notifyResolved ? undefined : "resolved");
  }
}

/** The event of a transition, and its notification to every webhook that takes it (unless its state is `muted`). */
async function announce(deps: RunnerDeps, queue: ControlQueue, task: TaskRecord, t: AlertTransition, muted: "resolved" | undefined): Promise<void> {
  const { db, env } = deps;
  const what = describeAlert(t.kind, t.values);
  const words = eventWords.alert(t.state === "firing" ? "firing" : "resolved", t.kind, t.values);
  await appendEvent(db, task.id, {
    level: t.state === "firing" ? "error" : "info",
    kind: t.state === "firing" ? "alert_firing" : "alert_resolved",
    ...worded(words, { alert: t.kind, state: t.state, firingSince: new Date(t.firingSince).toISOString(), values: t.values }),
  });
  if (t.state === muted) {
    return;
  }
  // A webhook's receiver (a chat channel, a pager) signs in nowhere: it reads reasons as a viewer does.
  const body: AlertNotification = {
    type: "alert",
    task: { id: task.id, name: task.name },
    alert: {
      kind: t.kind,
      state: t.state,
      firingSince: new Date(t.firingSince).toISOString(),
      resolvedAt: t.resolvedAt === null ? null : new Date(t.resolvedAt).toISOString(),
      values: { ...t.values, summary: what },
    },
    timestamp: new Date(t.resolvedAt ?? t.firingSince).toISOString(),
  };
  for (const hook of await webhooksFor(db, t.state, task.config.alerts.webhookIds)) {
    await queue.enqueue(
      "webhook.deliver",
      { webhookId: hook.id, taskId: task.id, body: mapStrings(body, maskedReason) },
      { jobId: `webhook-${task.id}-${t.kind}-${t.state}-${t.firingSince}-${hook.id}`, attempts: env.WEBHOOK_ATTEMPTS, backoffMs: env.WEBHOOK_BACKOFF_MS },
    );
  }
}

const toRecord = (r: AlertRow): AlertRecord => ({
  kind: r.kind,
  holdsSince: r.holdsSince.getTime(),
  firingSince: r.firingSince?.getTime() ?? null,
  values: r.values,
});
const toRow = (r: AlertRecord): AlertRow => ({
  kind: r.kind,
  holdsSince: new Date(r.holdsSince),
  firingSince: r.firingSince === null ? null : new Date(r.firingSince),
  values: r.values,
});
