import { DeadLetterPage, DeadLettersQuery } from "@outflow/schemas/api/dead-letters";
import { listDeadLetters } from "@/features/dead-letters/server/dead-letter-service";
import { readQuery } from "@/features/dead-letters/server/query";
import { messageContents } from "@/lib/http/message-contents";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The task's letters among the newest records of its dead-letter topic, newest first; contents for editors only. */
export const GET = route<{ id: string }>(
  async (req, { id }, actor) => {
    const page = DeadLetterPage.parse(await listDeadLetters(id, readQuery(req, DeadLettersQuery), actor));
    return json({ ...page, items: page.items.map((letter) => ({ ...letter, message: messageContents(letter.message) })) });
  },
  {
    role: "viewer",
  },
);
