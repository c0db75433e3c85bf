import { ctx } from "@/server/context";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  await ctx().db.$queryRaw`SELECT 1`;
  return json({ ok: true });
});
