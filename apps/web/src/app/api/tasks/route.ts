import { CreateTaskRequest } from "@outflow/schemas/api/tasks";
import { createTask, getTasks } from "@/features/tasks/server/task-service";
import { json, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async () => json({ items: await getTasks() }));

export const POST = route(async (req) => json(await createTask(await readJson(req, CreateTaskRequest)), 201));
