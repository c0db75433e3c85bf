import { HeldSkipAnswer, HeldSkipRequest } from "@outflow/schemas/api/held";
import { skipHeld } from "@/features/tasks/server/held-service";
import { jsonOf, readJson, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(
  async (req, { id }, actor) => jsonOf(HeldSkipAnswer, await skipHeld(id, await readJson(req, HeldSkipRequest), actor), 202),
  {
    role: "editor",
  },
);
