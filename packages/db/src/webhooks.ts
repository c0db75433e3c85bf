import type { AlertState } from "@outflow/schemas/alerts";
import type { CreateWebhookRequest, UpdateWebhookRequest, WebhookView } from "@outflow/schemas/api/webhooks";
import type { Db } from "./client";
import type { SecretBox } from "./secret-box";

type Row = { id: string; name: string; url: string; events: string[]; enabled: boolean; secret: string; createdAt: Date; updatedAt: Date };

/** The API's view: never the secret, only that one is set. */
export function toWebhookView(row: Row): WebhookView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events as AlertState[],
    enabled: row.enabled,
    hasSecret: row.secret !== "",
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function insertWebhook(db: Db, box: SecretBox, input: CreateWebhookRequest): Promise<Row> {
  return db.webhook.create({ data: { name: input.name, url: input.url, events: input.events, enabled: input.enabled, secret: box.seal(input.secret) } });
}

/** Changes the given fields; a left-out secret is kept. */
export async function updateWebhook(db: Db, box: SecretBox, id: string, patch: UpdateWebhookRequest): Promise<Row> {
  const { secret, ...rest } = patch;
  return db.webhook.update({ where: { id }, data: { ...rest, ...(secret !== undefined ? { secret: box.seal(secret) } : {}) } });
}

export async function findWebhook(db: Db, id: string): Promise<Row | null> {
  return db.webhook.findUnique({ where: { id } });
}

export async function findWebhookByName(db: Db, name: string): Promise<Row | null> {
  return db.webhook.findUnique({ where: { name } });
}

/** A page by name: `after` is the last name of the page before. */
export async function listWebhooks(db: Db, page: { limit: number; after?: string }): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const rows = await db.webhook.findMany({ where: page.after ? { name: { gt: page.after } } : {}, orderBy: { name: "asc" }, take: page.limit + 1 });
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  return { rows: items, nextCursor: more ? (items.at(-1)?.name ?? null) : null };
}

export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  return (await db.webhook.deleteMany({ where: { id } })).count > 0;
}

/** The enabled webhooks that take `state`: all of them, or those of `ids` (a task's choice). At most 100. */
export async function webhooksFor(db: Db, state: AlertState, ids: string[] | undefined): Promise<{ id: string }[]> {
  return db.webhook.findMany({ where: { enabled: true, events: { has: state }, ...(ids ? { id: { in: ids } } : {}) }, select: { id: true }, take: 100 });
}

/** Url and the opened secret, for sending. Server-side only. */
export async function resolveWebhook(
  db: Db,
  box: SecretBox,
  id: string,
): Promise<{ id: string; name: string; url: string; secret: string; enabled: boolean } | null> {
  const row = await findWebhook(db, id);
  return row ? { id: row.id, name: row.name, url: row.url, enabled: row.enabled, secret: box.open<string>(row.secret) } : null;
}
