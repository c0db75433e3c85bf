import { removeToken } from "@/features/tokens/server/token-service";
import { noContent, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Revokes a token at once: one's own, or (admins) anyone's. */
export const DELETE = route<{ id: string }>(
  async (_req, { id }, me) => {
    await removeToken(me, id);
    return noContent();
  },
  { role: "viewer" },
);
