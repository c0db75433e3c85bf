import { ConnectionList } from "@outflow/schemas/api/responses";
import { Connection, ConnectionInput } from "@outflow/schemas/connection";
import { createConnection, getConnections } from "@/features/connections/server/connection-service";
import { jsonOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async () => jsonOf(ConnectionList, { items: await getConnections() }), { role: "viewer" });

export const POST = route(async (req) => jsonOf(Connection, await createConnection(await readJson(req, ConnectionInput)), 201), { role: "admin" });
