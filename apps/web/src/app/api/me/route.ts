import { MePatch, MeView } from "@outflow/schemas/api/auth";
import { jsonOf, readJson, route } from "@/lib/http/route";
import { storedLocaleOf, storeLocale } from "@/server/user-locale";

export const dynamic = "force-dynamic";

export const GET = route(
  async (_req, _p, me) =>
    jsonOf(MeView, { id: me.userId, name: me.name, email: me.email, role: me.role, via: me.via, locale: await storedLocaleOf(me.userId) }),
  { role: "viewer" },
);

/** Every user, whatever their role, chooses their own console language. */
export const PATCH = route(
  async (req, _p, me) => {
    const patch = await readJson(req, MePatch);
    await storeLocale(me.userId, patch.locale);
    return jsonOf(MeView, { id: me.userId, name: me.name, email: me.email, role: me.role, via: me.via, locale: patch.locale });
  },
  { role: "viewer" },
);
