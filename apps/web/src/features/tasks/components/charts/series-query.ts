import { type SeriesRange, TaskSeries } from "@outflow/schemas/api/task-series";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/http/fetch-json";

/** How often each range is read again: about a step, at most a minute. */
const REFRESH_MS: Record<SeriesRange, number> = { "15m": 2_000, "1h": 5_000, "24h": 30_000, "7d": 60_000 };

export const taskSeriesKey = (id: string, range: SeriesRange) => ["tasks", "series", id, range] as const;

/** The task's series over `range`, refreshed live; the last range's stays on screen while another one loads. */
export const taskSeriesOptions = (id: string, range: SeriesRange) =>
  queryOptions({
    queryKey: taskSeriesKey(id, range),
    queryFn: () => fetchJson(`/api/tasks/${encodeURIComponent(id)}/series?range=${range}`, TaskSeries),
    refetchInterval: REFRESH_MS[range],
    placeholderData: keepPreviousData,
  });
