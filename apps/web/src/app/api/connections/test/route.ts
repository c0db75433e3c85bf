import { ConnectionInput } from "@outflow/schemas/connection";
import { testConnection } from "@/features/connections/server/connection-service";
import { json, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Tests settings before they are saved (the wizard's "Test connection" button). */
export const POST = route(async (req) => json(await testConnection(await readJson(req, ConnectionInput))));
