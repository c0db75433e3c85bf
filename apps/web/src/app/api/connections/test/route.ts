import { ConnectionTestResult } from "@outflow/schemas/api/responses";
import { ConnectionInput } from "@outflow/schemas/connection";
import { testConnection } from "@/features/connections/server/connection-service";
import { jsonOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Tests settings before they are saved (the wizard's "Test connection" button). */
export const POST = route(async (req) => jsonOf(ConnectionTestResult, await testConnection(await readJson(req, ConnectionInput))), { role: "admin" });
