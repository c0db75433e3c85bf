import { json, route } from "@/lib/http/route";
import { ctx } from "@/server/context";

export const dynamic = "force-dynamic";

export const GET = route(
  async () => {
    await ctx().db.$queryRaw`SELECT 1`;
    return json({ ok: true });
  },
  { public: true },
);
