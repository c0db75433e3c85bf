import { TaskView } from "@outflow/schemas/api/responses";
import { startTask } from "@/features/tasks/server/task-service";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (_req, { id }, actor) => jsonOf(TaskView, await startTask(id, actor), 202), { role: "editor" });
