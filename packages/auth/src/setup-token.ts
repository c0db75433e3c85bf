import { randomBytes } from "node:crypto";
import type { Db } from "@outflow/db/client";
import { hashToken } from "./api-tokens";

export const SETUP_TOKEN_TTL_MS = 60 * 60 * 1000;

/** A one-time token that lets its holder create the first admin within the hour; earlier unused ones stop working. */
export async function issueSetupToken(db: Db, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.$transaction([
    db.setupToken.deleteMany({ where: { usedAt: null } }),
    db.setupToken.create({ data: { tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + SETUP_TOKEN_TTL_MS) } }),
  ]);
  return token;
}

/** Marks the token used; false when it is unknown, used or expired. Only one caller can win a token. */
export async function consumeSetupToken(db: Db, token: string, now = new Date()): Promise<boolean> {
  const { count } = await db.setupToken.updateMany({ where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return count === 1;
}

/** Whether a setup link can still work (unused, unexpired): lets the setup page say so before the form is filled in. */
export async function setupTokenValid(db: Db, token: string, now = new Date()): Promise<boolean> {
  return (await db.setupToken.count({ where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } } })) === 1;
}
