import { DeadLetterQuery, DeadLetterView } from "@outflow/schemas/api/dead-letters";
import { getDeadLetter } from "@/features/dead-letters/server/dead-letter-service";
import { readQuery } from "@/features/dead-letters/server/query";
import { messageContents } from "@/lib/http/message-contents";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** One letter, by its partition and offset in the dead-letter topic (`?partition=&offset=`). */
export const GET = route<{ id: string }>(
  async (req, { id }, actor) => {
    const q = readQuery(req, DeadLetterQuery);
    const letter = DeadLetterView.parse(await getDeadLetter(id, q.partition, q.offset, actor));
    return json({ ...letter, message: messageContents(letter.message) });
  },
  { role: "viewer" },
);
