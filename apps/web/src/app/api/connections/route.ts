import { ConnectionList, ConnectionListQuery } from "@outflow/schemas/api/responses";
import { Connection, ConnectionInput } from "@outflow/schemas/connection";
import { createConnection, getConnections } from "@/features/connections/server/connection-service";
import { jsonOf, queryOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Oldest first, a page at a time: `?limit=` (1-200, 100) and `?offset=`. */
export const GET = route(async (req) => jsonOf(ConnectionList, await getConnections(queryOf(req, ConnectionListQuery))), { role: "viewer" });

export const POST = route(async (req) => jsonOf(Connection, await createConnection(await readJson(req, ConnectionInput)), 201), { role: "admin" });
