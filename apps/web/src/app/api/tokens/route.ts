import { CreatedToken, CreateTokenRequest, TokenList, TokenListQuery } from "@outflow/schemas/api/auth";
import { addToken, getTokens } from "@/features/tokens/server/token-service";
import { jsonOf, queryOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The caller's own tokens, newest first; `?all=true` (admins) everyone's; `?limit=` (1-200, 50) and `?offset=`. */
export const GET = route(
  async (req, _p, me) => {
    const { all, ...page } = queryOf(req, TokenListQuery);
    return jsonOf(TokenList, await getTokens(me, all === "true", page));
  },
  { role: "viewer" },
);

/** A personal token with the caller's role; the answer is the only time `token` can be read. */
export const POST = route(async (req, _p, me) => jsonOf(CreatedToken, await addToken(me, await readJson(req, CreateTokenRequest)), 201), { role: "viewer" });
