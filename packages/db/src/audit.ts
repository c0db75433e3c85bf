import type { Db } from "./client";

export type NewAuditEntry = {
  actorId: string | null;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, unknown>;
};
export type AuditEntryView = NewAuditEntry & { id: string; at: Date };
export type AuditFilter = { actor?: string; targetType?: string; action?: string; since?: Date; until?: Date; before?: string; limit: number };

export async function recordAudit(db: Db, e: NewAuditEntry): Promise<void> {
  await db.auditEntry.create({ data: { ...e, details: (e.details ?? undefined) as object | undefined } });
}

/** Newest first; `before` (an entry id) pages back. `actor` matches the email's start, `action` its start. */
export async function listAudit(db: Db, f: AuditFilter): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
  const rows = await db.auditEntry.findMany({
    where: {
      ...(f.actor ? { actorEmail: { startsWith: f.actor.toLowerCase() } } : {}),
      ...(f.targetType ? { targetType: f.targetType } : {}),
      ...(f.action ? { action: { startsWith: f.action } } : {}),
      ...(f.since || f.until ? { at: { ...(f.since ? { gte: f.since } : {}), ...(f.until ? { lt: f.until } : {}) } } : {}),
      ...(f.before ? { id: { lt: BigInt(f.before) } } : {}),
    },
    orderBy: { id: "desc" },
    take: f.limit + 1,
  });
  const items = rows.slice(0, f.limit).map((r) => ({
    id: r.id.toString(),
    at: r.at,
    actorId: r.actorId,
    actorEmail: r.actorEmail,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    details: (r.details as Record<string, unknown> | null) ?? undefined,
  }));
  return { items, nextCursor: rows.length > f.limit ? (items.at(-1)?.id ?? null) : null };
}
