import "server-only";
import { type ApiTokenView, createApiToken, findApiToken, listApiTokenPage, revokeApiToken } from "@outflow/auth/api-tokens";
import type { TokenListPage, TokenView } from "@outflow/schemas/api/auth";
import { type PageQuery, pageOf } from "@outflow/schemas/api/paging";
import { serverError } from "@/lib/http/server-error";
import type { Actor } from "@/server/auth";
import { ctx } from "@/server/context";

const DAY_MS = 24 * 60 * 60 * 1000;

async function view(tokens: ApiTokenView[]): Promise<TokenView[]> {
  const owners = await ctx().db.user.findMany({ where: { id: { in: [...new Set(tokens.map((t) => t.userId))] } }, select: { id: true, email: true } });
  const emailOf = new Map(owners.map((o) => [o.id, o.email]));
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    owner: { id: t.userId, email: emailOf.get(t.userId) ?? "" },
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
  }));
}

/** The actor's own tokens; an admin asking for `all` sees everyone's. */
export async function getTokens(actor: Actor, all: boolean, page: PageQuery): Promise<TokenListPage> {
  if (all && actor.role !== "admin") {
    throw serverError("forbidden", "allTokensAdminOnly");
  }
  const { rows, total } = await listApiTokenPage(ctx().db, all ? undefined : actor.userId, page);
  return pageOf(await view(rows), total, page);
}

export async function addToken(actor: Actor, input: { name: string; expiresInDays: number }): Promise<TokenView & { token: string }> {
  const created = await createApiToken(ctx().db, actor.userId, input.name, new Date(Date.now() + input.expiresInDays * DAY_MS));
  const [v] = await view([created]);
  if (!v) {
    throw new Error("token view lost");
  }
  return { ...v, token: created.token };
}

/** Users revoke their own tokens; admins anyone's. */
export async function removeToken(actor: Actor, id: string): Promise<void> {
  const token = await findApiToken(ctx().db, id);
  if (!token || (token.userId !== actor.userId && actor.role !== "admin")) {
    throw serverError("not_found", "tokenNotFound", { id });
  }
  await revokeApiToken(ctx().db, id);
}
