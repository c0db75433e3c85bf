import { EventPage } from "@outflow/schemas/api/responses";
import { EventsQuery } from "@outflow/schemas/api/tasks";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { getEvents } from "@/features/tasks/server/task-service";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `?after=<event id>` for what is new since (the console polls with it); without it, the newest `limit`. */
export const GET = route<{ id: string }>(
  async (req, { id }) => {
    const q = EventsQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) {
      throw AppError.invalid(issuesFromZod(q.error));
    }
    return jsonOf(EventPage, await getEvents(id, q.data));
  },
  { role: "viewer" },
);
