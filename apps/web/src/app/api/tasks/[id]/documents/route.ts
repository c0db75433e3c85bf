import { DocumentPage, DocumentsQuery } from "@outflow/schemas/api/explorer";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { searchTaskDocuments } from "@/features/explorer/server/explorer-service";
import { messageContents } from "@/lib/http/message-contents";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `?q=&index=&field=&from=&to=&offset=0&limit=20`: one page of the task's documents, newest first by `field`. */
export const GET = route<{ id: string }>(
  async (req, { id }) => {
    const q = DocumentsQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) {
      throw AppError.invalid(issuesFromZod(q.error));
    }
    const page = DocumentPage.parse(await searchTaskDocuments(id, q.data));
    return json({ ...page, items: page.items.map((hit) => ({ ...hit, ...messageContents({ id: hit.id, source: hit.source }) })) });
  },
  { role: "editor" },
);
