import { TaskConfigVersionList, TaskConfigVersionQuery } from "@outflow/schemas/api/responses";
import { getConfigVersions } from "@/features/tasks/server/task-service";
import { jsonOf, queryOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * The task's saved configs, newest first, a page at a time (`?limit=` 1-100, 20; `?offset=`), each with its author and
 * the merge patch from the one before; `?config=true` adds each one's whole config (at most 5 a page).
 */
export const GET = route<{ id: string }>(
  async (req, { id }) => jsonOf(TaskConfigVersionList, await getConfigVersions(id, queryOf(req, TaskConfigVersionQuery))),
  {
    role: "viewer",
  },
);
