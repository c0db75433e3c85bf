import { topicsOf } from "@/features/connections/server/connection-service";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async (_req, { id }) => json({ items: await topicsOf(id) }));
