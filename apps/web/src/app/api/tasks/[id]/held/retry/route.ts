import { TaskView } from "@outflow/schemas/api/responses";
import { retryHeld } from "@/features/tasks/server/held-service";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (_req, { id }, actor) => jsonOf(TaskView, await retryHeld(id, actor), 202), { role: "editor" });
