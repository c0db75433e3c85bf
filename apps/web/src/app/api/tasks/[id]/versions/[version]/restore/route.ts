import { TaskView } from "@outflow/schemas/api/responses";
import { restoreConfigVersion } from "@/features/tasks/server/task-service";
import { jsonOf, route } from "@/lib/http/route";
import { serverError } from "@/lib/http/server-error";

export const dynamic = "force-dynamic";

/** Saves version `:version`'s config as a new version; a running task's consumers restart with it. */
export const POST = route<{ id: string; version: string }>(
  async (_req, { id, version }, actor) => {
    if (!/^[1-9]\d{0,8}$/.test(version)) {
      throw serverError("not_found", "configVersionInvalid", { version });
    }
    return jsonOf(TaskView, await restoreConfigVersion(id, Number(version), actor));
  },
  { role: "editor" },
);
