import { PageQuery, ReplayPage, ReplayRequest, ReplayView } from "@outflow/schemas/api/dead-letters";
import { getReplays, startReplay } from "@/features/dead-letters/server/dead-letter-service";
import { readQuery } from "@/features/dead-letters/server/query";
import { jsonOf, readJson, route } from "@/lib/http/route";
import { withAuditDetails } from "@/server/audit-trail";

export const dynamic = "force-dynamic";

/** The task's replays, newest first. */
export const GET = route<{ id: string }>(async (req, { id }) => jsonOf(ReplayPage, await getReplays(id, readQuery(req, PageQuery))), { role: "viewer" });

/** Replays letters through the current pipeline into Elasticsearch (a worker runs it); 202 with the replay. */
export const POST = route<{ id: string }>(
  async (req, { id }, actor) => {
    const replay = await startReplay(id, await readJson(req, ReplayRequest), actor);
    return withAuditDetails(jsonOf(ReplayView, replay, 202), {
      replayId: replay.id,
      letters: replay.total,
      selection: replay.selection,
      force: replay.force,
      ranges: replay.ranges,
    });
  },
  { role: "editor" },
);
