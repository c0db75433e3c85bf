import { MeView } from "@outflow/schemas/api/auth";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async (_req, _p, me) => jsonOf(MeView, { id: me.userId, name: me.name, email: me.email, role: me.role, via: me.via }), {
  role: "viewer",
});
