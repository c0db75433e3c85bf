import { HeldPage, HeldQuery } from "@outflow/schemas/api/held";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { heldMessages } from "@/features/tasks/server/held-service";
import { messageContents } from "@/lib/http/message-contents";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Every held message (retain policy), one per partition; the message itself only for editors and admins. */
export const GET = route<{ id: string }>(
  async (req, { id }, actor) => {
    const q = HeldQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) {
      throw AppError.invalid(issuesFromZod(q.error));
    }
    const page = HeldPage.parse(await heldMessages(id, q.data, actor));
    return json({ ...page, items: page.items.map((item) => ({ ...item, message: messageContents(item.message) })) });
  },
  { role: "viewer" },
);
