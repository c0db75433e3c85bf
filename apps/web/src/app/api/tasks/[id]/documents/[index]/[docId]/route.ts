import { DocumentParams, DocumentView } from "@outflow/schemas/api/explorer";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { getTaskDocument } from "@/features/explorer/server/explorer-service";
import { messageContents } from "@/lib/http/message-contents";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** One document of the task's indices, with the Kafka message it came from where the task's config says. */
export const GET = route<{ id: string; index: string; docId: string }>(
  async (_req, { id, index, docId }) => {
    const p = DocumentParams.safeParse({ index, docId });
    if (!p.success) {
      throw AppError.invalid(issuesFromZod(p.error));
    }
    const doc = DocumentView.parse(await getTaskDocument(id, p.data.index, p.data.docId));
    return json({ ...doc, ...messageContents({ id: doc.id, source: doc.source }) });
  },
  { role: "editor" },
);
