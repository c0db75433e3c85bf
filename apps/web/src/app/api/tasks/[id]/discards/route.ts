import { DiscardPage, PageQuery } from "@outflow/schemas/api/dead-letters";
import { listDiscards } from "@/features/dead-letters/server/dead-letter-service";
import { readQuery } from "@/features/dead-letters/server/query";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Discard policy: the sampled discards, newest first, and how many discards were not sampled. */
export const GET = route<{ id: string }>(async (req, { id }) => jsonOf(DiscardPage, await listDiscards(id, readQuery(req, PageQuery))), {
  role: "viewer",
});
