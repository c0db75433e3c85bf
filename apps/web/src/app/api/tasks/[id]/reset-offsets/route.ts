import { ResetOffsetsRequest } from "@outflow/schemas/api/tasks";
import { resetOffsets } from "@/features/tasks/server/task-service";
import { json, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (req, { id }) => json(await resetOffsets(id, await readJson(req, ResetOffsetsRequest)), 202));
