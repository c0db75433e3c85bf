import { listAudit } from "@outflow/db/audit";
import { AuditPage, AuditQuery } from "@outflow/schemas/api/auth";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { jsonOf, route } from "@/lib/http/route";
import { ctx } from "@/server/context";

export const dynamic = "force-dynamic";

/** Who changed what, newest first: `?actor=&action=&targetType=&since=&until=&before=&limit=`; the next page is `before=nextCursor`. */
export const GET = route(
  async (req) => {
    const q = AuditQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) {
      throw AppError.invalid(issuesFromZod(q.error));
    }
    const { since, until, ...rest } = q.data;
    const page = await listAudit(ctx().db, { ...rest, since: since ? new Date(since) : undefined, until: until ? new Date(until) : undefined });
    return jsonOf(AuditPage, { items: page.items.map((e) => ({ ...e, at: e.at.toISOString() })), nextCursor: page.nextCursor });
  },
  { role: "admin" },
);
