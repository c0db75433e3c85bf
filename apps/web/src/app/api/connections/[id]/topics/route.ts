import { TopicList } from "@outflow/schemas/api/responses";
import { topicsOf } from "@/features/connections/server/connection-service";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async (_req, { id }) => jsonOf(TopicList, { items: await topicsOf(id) }), { role: "editor" });
