import { SampleWindow, SampleWindowQuery } from "@outflow/schemas/api/preview";
import { sampleWindowOf } from "@/features/preview/server/sample-service";
import { messageContents } from "@/lib/http/message-contents";
import { json, queryOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * `?connectionId=…&topics=a,b&position=earliest|latest|timestamp|offset[&timestamp=<epoch ms>][&topic=a&partition=0]
 * [&offset=42]&limit=10`: a sample of at most 50 messages and 1 MiB; a partition or offset the topic lacks is a 422
 * naming the field.
 */
export const GET = route(
  async (req) => {
    const window = SampleWindow.parse(await sampleWindowOf(queryOf(req, SampleWindowQuery)));
    return json({ ...window, items: messageContents(window.items) });
  },
  { role: "editor" },
);
