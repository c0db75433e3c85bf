import { testStoredConnection } from "@/features/connections/server/connection-service";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (_req, { id }) => json(await testStoredConnection(id)));
