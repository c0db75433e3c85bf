import { TaskList, TaskView } from "@outflow/schemas/api/responses";
import { CreateTaskRequest } from "@outflow/schemas/api/tasks";
import { createTask, getTasks } from "@/features/tasks/server/task-service";
import { jsonOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async () => jsonOf(TaskList, { items: await getTasks() }), { role: "viewer" });

export const POST = route(async (req, _p, actor) => jsonOf(TaskView, await createTask(await readJson(req, CreateTaskRequest), actor), 201), { role: "editor" });
