import { TaskView } from "@outflow/schemas/api/responses";
import { TaskListPage, TaskListQuery } from "@outflow/schemas/api/task-list";
import { CreateTaskRequest } from "@outflow/schemas/api/tasks";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { getTaskPage } from "@/features/tasks/server/task-list-service";
import { createTask } from "@/features/tasks/server/task-service";
import { jsonOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `?q=&status=failed,retrying,alerting&connection=&sort=attention|name|status|rate|lag&order=asc|desc&limit=50&offset=0` */
export const GET = route(
  async (req) => {
    const q = TaskListQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) {
      throw AppError.invalid(issuesFromZod(q.error));
    }
    return jsonOf(TaskListPage, await getTaskPage(q.data));
  },
  { role: "viewer" },
);

export const POST = route(async (req, _p, actor) => jsonOf(TaskView, await createTask(await readJson(req, CreateTaskRequest), actor), 201), { role: "editor" });
