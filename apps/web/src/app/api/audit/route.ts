import { listAudit } from "@outflow/db/audit";
import { AuditPage, AuditQuery } from "@outflow/schemas/api/auth";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { jsonOf, route } from "@/lib/http/route";
import { ctx } from "@/server/context";

export const dynamic = "force-dynamic";

/** Who changed what: `?actor=&action=&targetType=&since=&until=&before=&limit=`. */
export const GET = route(
  async (req) => {
    const q = AuditQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) {
      throw AppError.invalid(issuesFromZod(q.error));
    }
    const { since, until, ...rest } = q.data;
    const items = await listAudit(ctx().db, { ...rest, since: since ? new Date(since) : undefined, until: until ? new Date(until) : undefined });
    return jsonOf(AuditPage, { items: items.map((e) => ({ ...e, at: e.at.toISOString() })) });
  },
  { role: "admin" },
);
