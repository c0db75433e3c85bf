import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@outflow/db/client";

/** Tokens look like `ofw_<43 characters>`; the prefix lets secret scanners recognise them. */
const TOKEN_PREFIX = "ofw_";
/** lastUsedAt is written at most this often per token, so that busy scripts do not write on every request. */
const LAST_USE_RESOLUTION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type ApiTokenView = { id: string; userId: string; name: string; prefix: string; expiresAt: Date | null; lastUsedAt: Date | null; createdAt: Date };

const VIEW = { id: true, userId: true, name: true, prefix: true, expiresAt: true, lastUsedAt: true, createdAt: true } as const;

/** A new token: the returned `token` is the only time it exists in clear; only its SHA-256 is stored. */
export async function createApiToken(db: Db, userId: string, name: string, expiresAt: Date): Promise<ApiTokenView & { token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await db.apiToken.create({ data: { userId, name, prefix: token.slice(0, 10), tokenHash: hashToken(token), expiresAt }, select: VIEW });
  return { ...row, token };
}

/** The owner of a valid, unexpired token (and marks its use), or null. */
export async function verifyApiToken(db: Db, token: string, now = new Date()): Promise<{ userId: string; tokenId: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) {
    return null;
  }
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, expiresAt: true, lastUsedAt: true } });
  if (!row || (row.expiresAt && row.expiresAt <= now)) {
    return null;
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USE_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { userId: row.userId, tokenId: row.id };
}

/** Tokens of one user, or of everyone (admins), newest first. */
export async function listApiTokens(db: Db, userId?: string): Promise<ApiTokenView[]> {
  return db.apiToken.findMany({ where: userId ? { userId } : {}, select: VIEW, orderBy: { createdAt: "desc" } });
}

/** Newest first (ties by id), a page at a time, and how many there are. */
export async function listApiTokenPage(
  db: Db,
  userId: string | undefined,
  page: { limit: number; offset: number },
): Promise<{ rows: ApiTokenView[]; total: number }> {
  const where = userId ? { userId } : {};
  const [rows, total] = await Promise.all([
    db.apiToken.findMany({ where, select: VIEW, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: page.limit, skip: page.offset }),
    db.apiToken.count({ where }),
  ]);
  return { rows, total };
}

export async function findApiToken(db: Db, id: string): Promise<ApiTokenView | null> {
  return db.apiToken.findUnique({ where: { id }, select: VIEW });
}

export async function revokeApiToken(db: Db, id: string): Promise<void> {
  await db.apiToken.delete({ where: { id } });
}
