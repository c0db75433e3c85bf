import { IndicesQuery, TaskIndexList } from "@outflow/schemas/api/explorer";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { listTaskIndices } from "@/features/explorer/server/explorer-service";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `?offset=0&limit=50`: the indices the task writes, newest name first, with document counts and sizes (no contents). */
export const GET = route<{ id: string }>(
  async (req, { id }) => {
    const q = IndicesQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) {
      throw AppError.invalid(issuesFromZod(q.error));
    }
    return jsonOf(TaskIndexList, await listTaskIndices(id, q.data));
  },
  { role: "viewer" },
);
