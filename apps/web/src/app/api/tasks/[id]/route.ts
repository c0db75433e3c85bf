import { TaskDeleted, TaskView } from "@outflow/schemas/api/responses";
import { CreateTaskRequest, PatchTaskRequest } from "@outflow/schemas/api/tasks";
import { removeTask } from "@/features/tasks/server/task-removal";
import { getTask, patchTask, replaceTask } from "@/features/tasks/server/task-service";
import { jsonOf, readJson, route } from "@/lib/http/route";
import { withAuditDetails } from "@/server/audit-trail";

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

/** Stops the task first (bounded wait), deletes its consumer group, then the task; the audit entry keeps its name. */
export const DELETE = route<P>(
  async (_req, { id }, actor) => {
    const deleted = await removeTask(id, actor);
    return withAuditDetails(jsonOf(TaskDeleted, deleted), { name: deleted.name, consumerGroup: deleted.consumerGroup });
  },
  { role: "editor" },
);
