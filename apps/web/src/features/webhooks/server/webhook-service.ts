import "server-only";
import { refusalBeforeDns } from "@outflow/connectors/connect-guard";
import { sendWebhook } from "@outflow/connectors/webhook-sender";
import { deleteWebhook, findWebhook, findWebhookByName, insertWebhook, listWebhooks, resolveWebhook, toWebhookView, updateWebhook } from "@outflow/db/webhooks";
import type { AlertNotification } from "@outflow/schemas/alerts";
import type { CreateWebhookRequest, DeliveryResult, UpdateWebhookRequest, WebhookView } from "@outflow/schemas/api/webhooks";
import { AppError } from "@outflow/schemas/errors";
import { serverError, serverIssue } from "@/lib/http/server-error";
import { ctx } from "@/server/context";

export async function createWebhook(input: CreateWebhookRequest): Promise<WebhookView> {
  const { db, box } = ctx();
  await assertNameFree(input.name);
  assertReachable(input.url);
  return toWebhookView(await insertWebhook(db, box, input));
}

export async function getWebhooks(page: { limit: number; after?: string }): Promise<{ items: WebhookView[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await listWebhooks(ctx().db, page);
  return { items: rows.map(toWebhookView), nextCursor };
}

export async function getWebhook(id: string): Promise<WebhookView> {
  return toWebhookView(await mustFind(id));
}

export async function patchWebhook(id: string, patch: UpdateWebhookRequest): Promise<WebhookView> {
  const { db, box } = ctx();
  const current = await mustFind(id);
  if (patch.name !== undefined && patch.name !== current.name) {
    await assertNameFree(patch.name);
  }
  if (patch.url !== undefined) {
    assertReachable(patch.url);
  }
  return toWebhookView(await updateWebhook(db, box, id, patch));
}

export async function removeWebhook(id: string): Promise<void> {
  if (!(await deleteWebhook(ctx().db, id))) {
    throw notFound(id);
  }
}

/** "Send test": a signed `type: "test"` notification, sent now from the web process; the answer is the receiver's. */
export async function sendTestNotification(id: string): Promise<DeliveryResult> {
  const hook = await resolveWebhook(ctx().db, ctx().box, id);
  if (!hook) {
    throw notFound(id);
  }
  const body: AlertNotification = { type: "test", task: null, alert: null, timestamp: new Date().toISOString() };
  return sendWebhook(hook, JSON.stringify(body));
}

/** The connect policy's verdict on the URL's host, before any DNS (its addresses are judged again at each send). */
function assertReachable(url: string): void {
  const refused = refusalBeforeDns("Webhook", new URL(url).hostname);
  if (refused) {
    throw AppError.invalid([{ field: "url", message: refused.message }]);
  }
}

async function mustFind(id: string) {
  const row = await findWebhook(ctx().db, id);
  if (!row) {
    throw notFound(id);
  }
  return row;
}

async function assertNameFree(name: string): Promise<void> {
  if (await findWebhookByName(ctx().db, name)) {
    throw serverError("conflict", "webhookNameTaken", { name }, [serverIssue("name", "nameInUseIssue")]);
  }
}

function notFound(id: string): AppError {
  return serverError("not_found", "webhookNotFound", { id });
}
