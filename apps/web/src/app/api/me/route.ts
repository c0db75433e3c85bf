import { MePatch, MeView } from "@outflow/schemas/api/auth";
import type { ConsoleLocale } from "@outflow/schemas/locales";
import { jsonOf, readJson, route } from "@/lib/http/route";
import type { Actor } from "@/server/auth";
import { storedLocaleOf, storeLocale } from "@/server/user-locale";

export const dynamic = "force-dynamic";

const meOf = (me: Actor, locale: ConsoleLocale | null) => jsonOf(MeView, { id: me.userId, name: me.name, email: me.email, role: me.role, via: me.via, locale });

export const GET = route(async (_req, _p, me) => meOf(me, await storedLocaleOf(me.userId)), { role: "viewer" });

/** Every user, whatever their role, chooses their own console language. */
export const PATCH = route(
  async (req, _p, me) => {
    const { locale } = await readJson(req, MePatch);
    await storeLocale(me.userId, locale);
    return meOf(me, locale);
  },
  { role: "viewer" },
);
