import { CreatedToken, CreateTokenRequest, TokenList } from "@outflow/schemas/api/auth";
import { addToken, getTokens } from "@/features/tokens/server/token-service";
import { jsonOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The caller's own tokens; `?all=true` (admins) everyone's. */
export const GET = route(async (req, _p, me) => jsonOf(TokenList, { items: await getTokens(me, new URL(req.url).searchParams.get("all") === "true") }), {
  role: "viewer",
});

/** A personal token with the caller's role; the answer is the only time `token` can be read. */
export const POST = route(async (req, _p, me) => jsonOf(CreatedToken, await addToken(me, await readJson(req, CreateTokenRequest)), 201), { role: "viewer" });
