import { TaskView } from "@outflow/schemas/api/responses";
import { AppError } from "@outflow/schemas/errors";
import { restoreConfigVersion } from "@/features/tasks/server/task-service";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Saves version `:version`'s config as a new version; a running task's consumers restart with it. */
export const POST = route<{ id: string; version: string }>(
  async (_req, { id, version }, actor) => {
    if (!/^[1-9]\d{0,8}$/.test(version)) {
      throw new AppError("not_found", `No config version "${version}": versions are 1, 2, 3…`);
    }
    return jsonOf(TaskView, await restoreConfigVersion(id, Number(version), actor));
  },
  { role: "editor" },
);
