import { TaskView } from "@outflow/schemas/api/responses";
import { CreateTaskRequest, PatchTaskRequest } from "@outflow/schemas/api/tasks";
import { getTask, patchTask, removeTask, replaceTask } from "@/features/tasks/server/task-service";
import { jsonOf, noContent, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
type P = { id: string };

export const GET = route<P>(async (_req, { id }) => jsonOf(TaskView, await getTask(id)), { role: "viewer" });

export const PATCH = route<P>(async (req, { id }, actor) => jsonOf(TaskView, await patchTask(id, await readJson(req, PatchTaskRequest), actor)), {
  role: "editor",
});

/** Replaces name and config as a whole (`{ name, config }`, as for POST /api/tasks). */
export const PUT = route<P>(async (req, { id }, actor) => jsonOf(TaskView, await replaceTask(id, await readJson(req, CreateTaskRequest), actor)), {
  role: "editor",
});

export const DELETE = route<P>(
  async (_req, { id }, actor) => {
    await removeTask(id, actor);
    return noContent();
  },
  { role: "editor" },
);
