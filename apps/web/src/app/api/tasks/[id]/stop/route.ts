import { stopTask } from "@/features/tasks/server/task-service";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (_req, { id }) => json(await stopTask(id), 202));
