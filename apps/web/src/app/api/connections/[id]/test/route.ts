import { ConnectionTestResult } from "@outflow/schemas/api/responses";
import { testStoredConnection } from "@/features/connections/server/connection-service";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (_req, { id }) => jsonOf(ConnectionTestResult, await testStoredConnection(id)), { role: "editor" });
