import { SeriesQuery, TaskSeries } from "@outflow/schemas/api/task-series";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { getTaskSeries } from "@/features/tasks/server/task-series-service";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `?range=15m|1h|24h|7d` (default 1h): the task's rates, retained messages and lag over time, at most 500 points. */
export const GET = route<{ id: string }>(
  async (req, { id }) => {
    const q = SeriesQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) {
      throw AppError.invalid(issuesFromZod(q.error));
    }
    return jsonOf(TaskSeries, await getTaskSeries(id, q.data.range));
  },
  { role: "viewer" },
);
