import { DeadLetterTestRequest } from "@outflow/schemas/api/dead-letters";
import { testDeadLetters } from "@/features/dead-letters/server/dead-letter-service";
import { readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Runs letters through the task's current configuration (the preview: nothing is written). */
export const POST = route<{ id: string }>(
  async (req, { id }) => {
    const body = await readJson(req, DeadLetterTestRequest);
    return new Response(await testDeadLetters(id, body.selection), { headers: { "content-type": "application/json" } });
  },
  { role: "editor" },
);
