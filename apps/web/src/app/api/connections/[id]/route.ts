import { Connection } from "@outflow/schemas/connection";
import { MergePatchObject } from "@outflow/schemas/merge-patch";
import { getConnection, patchConnection, removeConnection } from "@/features/connections/server/connection-service";
import { jsonOf, noContent, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
type P = { id: string };

export const GET = route<P>(async (_req, { id }) => jsonOf(Connection, await getConnection(id)), { role: "viewer" });

export const PATCH = route<P>(async (req, { id }, actor) => jsonOf(Connection, await patchConnection(id, await readJson(req, MergePatchObject), actor)), {
  role: "admin",
});

export const DELETE = route<P>(
  async (_req, { id }) => {
    await removeConnection(id);
    return noContent();
  },
  { role: "admin" },
);
