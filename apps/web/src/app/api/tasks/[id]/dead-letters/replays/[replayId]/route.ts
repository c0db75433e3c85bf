import { ReplayView } from "@outflow/schemas/api/dead-letters";
import { getReplay } from "@/features/dead-letters/server/dead-letter-service";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** One replay: its selection, offset ranges, status and progress (letters done, written, failed again). */
export const GET = route<{ id: string; replayId: string }>(async (_req, { id, replayId }) => jsonOf(ReplayView, await getReplay(id, replayId)), {
  role: "viewer",
});
