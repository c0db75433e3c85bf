import { SampleQuery } from "@outflow/schemas/api/preview";
import { SampleList } from "@outflow/schemas/api/responses";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { sampleFromConnection } from "@/features/preview/server/preview-service";
import { messageContents } from "@/lib/http/message-contents";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `?topics=a,b&limit=5&position=earliest|latest|timestamp&timestamp=<epoch ms>` */
export const GET = route<{ id: string }>(
  async (req, { id }) => {
    const q = SampleQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) {
      throw AppError.invalid(issuesFromZod(q.error));
    }
    if (q.data.position === "timestamp" && q.data.timestamp === undefined) {
      throw AppError.invalid([{ field: "timestamp", message: "Required with position=timestamp (epoch milliseconds)" }]);
    }
    const position = q.data.position === "timestamp" ? { type: "timestamp" as const, timestamp: q.data.timestamp ?? 0 } : { type: q.data.position };
    return json(messageContents(SampleList.parse({ items: await sampleFromConnection(id, q.data.topics, q.data.limit, position) })));
  },
  { role: "editor" },
);
