import { TaskConfigVersionList } from "@outflow/schemas/api/responses";
import { getConfigVersions } from "@/features/tasks/server/task-service";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Every saved config of the task, newest first, each with its author and the merge patch from the one before. */
export const GET = route<{ id: string }>(async (_req, { id }) => jsonOf(TaskConfigVersionList, await getConfigVersions(id)), { role: "viewer" });
