import { DeadLetterGroups } from "@outflow/schemas/api/dead-letters";
import { deadLetterGroups } from "@/features/dead-letters/server/dead-letter-service";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The scanned letters by stage, reason pattern and error type, with counts and first/last times. */
export const GET = route<{ id: string }>(async (_req, { id }) => jsonOf(DeadLetterGroups, await deadLetterGroups(id)), { role: "viewer" });
