import { sendWebhook } from "@outflow/connectors/webhook-sender";
import { appendEvent, type NewEvent } from "@outflow/db/task-events";
import { resolveWebhook } from "@outflow/db/webhooks";
import { eventWords, worded } from "@outflow/schemas/event-words";
import type { RunnerDeps } from "../runner/runner-deps";
import { defineJob } from "./define-job";

/**
 * Sends one notification to one webhook. A failed try throws, and BullMQ tries again with exponential backoff
 * (`WEBHOOK_ATTEMPTS` in all; the job lives in Redis, so retries survive a restart). Every try and its answer is
 * written to the task's event log.
 */
export const deliverWebhookJob = (deps: RunnerDeps) =>
  defineJob({
    name: "webhook.deliver",
    async handle({ webhookId, taskId, body }, { job }) {
      const { db, box } = deps;
      const alert = body.alert as { kind?: string; state?: string } | null;
      const attempt = job.attemptsMade + 1;
      const attempts = job.opts.attempts ?? 1;
      const hook = await resolveWebhook(db, box, webhookId);
      if (!hook?.enabled) {
        await note(deps, taskId, {
          level: "warn",
          kind: "webhook_failed",
          ...worded(eventWords.webhookGone(webhookId), { webhookId, alert }),
        });
        return;
      }
      const r = await sendWebhook(hook, JSON.stringify(body));
      const details = {
        webhookId,
        webhook: hook.name,
        url: hook.url,
        alert,
        attempt,
        attempts,
        status: r.status,
        latencyMs: r.latencyMs,
        ...(r.error ? { error: r.error } : {}),
      };
      const named = { webhook: hook.name, alert: alert?.kind ?? "?", state: alert?.state ?? "?", attempt, attempts };
      if (r.ok) {
        await note(deps, taskId, {
          level: "info",
          kind: "webhook_delivered",
          ...worded(eventWords.webhookDelivered({ ...named, status: r.status, latencyMs: r.latencyMs }), details),
        });
        return;
      }
      const last = attempt >= attempts;
      await note(deps, taskId, {
        level: last ? "error" : "warn",
        kind: "webhook_failed",
        ...worded(eventWords.webhookFailed({ ...named, error: String(r.error) }), details),
      });
      if (!last) {
        throw new Error(`webhook ${hook.name}: ${r.error}`);
      }
    },
  });

/** An event of the task; a task deleted meanwhile has no log to write to, and that must not retry the delivery. */
async function note(deps: RunnerDeps, taskId: string, e: NewEvent): Promise<void> {
  await appendEvent(deps.db, taskId, e).catch((err: Error) => deps.log.warn("webhook event not written", { taskId, err: err.message }));
}
