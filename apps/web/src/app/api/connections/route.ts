import { ConnectionInput } from "@outflow/schemas/connection";
import { createConnection, getConnections } from "@/features/connections/server/connection-service";
import { json, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async () => json({ items: await getConnections() }));

export const POST = route(async (req) => json(await createConnection(await readJson(req, ConnectionInput)), 201));
