import { SampleWindow, SampleWindowQuery } from "@outflow/schemas/api/preview";
import { sampleWindowOf } from "@/features/preview/server/sample-service";
import { jsonOf, queryOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * `?connectionId=…&topics=a,b&position=earliest|latest|timestamp|offset[&timestamp=<epoch ms>][&topic=a&partition=0]
 * [&offset=42]&limit=10`: a sample of at most 50 messages and 1 MiB; a partition or offset the topic lacks is a 422
 * naming the field.
 */
export const GET = route(async (req) => jsonOf(SampleWindow, await sampleWindowOf(queryOf(req, SampleWindowQuery))), { role: "editor" });
