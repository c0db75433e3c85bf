import { MessageParams, MessageView } from "@outflow/schemas/api/explorer";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { getTaskMessage } from "@/features/explorer/server/explorer-service";
import { messageContents } from "@/lib/http/message-contents";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The Kafka message at an offset of one of the task's topics, and the documents it wrote. */
export const GET = route<{ id: string; topic: string; partition: string; offset: string }>(
  async (_req, { id, topic, partition, offset }) => {
    const p = MessageParams.safeParse({ topic, partition, offset });
    if (!p.success) {
      throw AppError.invalid(issuesFromZod(p.error));
    }
    const view = MessageView.parse(await getTaskMessage(id, { topic: p.data.topic, partition: Number(p.data.partition), offset: p.data.offset }));
    // The link's reason is not contents: it keeps its marks.
    return json({ ...view, ...messageContents({ message: view.message, documents: view.documents }) });
  },
  { role: "editor" },
);
