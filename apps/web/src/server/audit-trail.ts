import "server-only";
import { recordAudit } from "@outflow/db/audit";
import { auditActionOf } from "./audit-action";
import type { Actor } from "./auth";
import { ctx } from "./context";

const detailsOf = new WeakMap<Response, Record<string, unknown>>();

/** What the audit entry of this answer records besides its actor: e.g. the name of a task whose row is gone. */
export function withAuditDetails(res: Response, details: Record<string, unknown>): Response {
  detailsOf.set(res, details);
  return res;
}

/** Records a successful change (any non-GET answer below 400); a POST that only checks or previews is not one. */
export async function auditChange(req: Request, actor: Actor | null, res: Response): Promise<void> {
  const { pathname } = new URL(req.url);
  if (req.method === "GET" || res.status >= 400 || /\/(test|validate|preview)$/.test(pathname) || pathname === "/api/preview") {
    return;
  }
  const createdId =
    res.status === 201
      ? await res
          .clone()
          .json()
          .then(
            (b: { id?: unknown }) => (typeof b.id === "string" ? b.id : undefined),
            () => undefined,
          )
      : undefined;
  await recordAudit(ctx().db, {
    actorId: actor?.userId ?? null,
    actorEmail: actor?.email ?? "setup link",
    ...auditActionOf(req.method, pathname, createdId),
    details: actor || detailsOf.has(res) ? { ...detailsOf.get(res), ...(actor ? { via: actor.via } : {}) } : undefined,
  });
}
