import { TaskView } from "@outflow/schemas/api/responses";
import { ResetOffsetsRequest } from "@outflow/schemas/api/tasks";
import { resetOffsets } from "@/features/tasks/server/task-service";
import { jsonOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(
  async (req, { id }, actor) => jsonOf(TaskView, await resetOffsets(id, await readJson(req, ResetOffsetsRequest), actor), 202),
  {
    role: "editor",
  },
);
