import "server-only";
import { recordAudit } from "@outflow/db/audit";
import { auditActionOf } from "./audit-action";
import type { Actor } from "./auth";
import { ctx } from "./context";

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
    details: actor ? { via: actor.via } : undefined,
  });
}
