import "server-only";
import { seriesPoints, seriesWindow } from "@outflow/db/metric-series";
import { readSeriesSamples } from "@outflow/db/task-metric-samples";
import { findTask } from "@outflow/db/tasks";
import { SERIES_RANGES, type SeriesRange, type TaskSeries } from "@outflow/schemas/api/task-series";
import { serverError } from "@/lib/http/server-error";
import { ctx } from "@/server/context";

/** Ranges longer than the per-second samples are kept read the per-minute rollups too. */
const SAMPLES_COVER_SECONDS = 60 * 60;

/** The task's counters per step over `range`, ending now (the database's clock, which stamps the samples). */
export async function getTaskSeries(id: string, range: SeriesRange): Promise<TaskSeries> {
  const { db } = ctx();
  if (!(await findTask(db, id))) {
    throw serverError("not_found", "taskNotFound", { id });
  }
  const r = SERIES_RANGES[range];
  const [{ now }] = (await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`) as [{ now: Date }];
  const w = seriesWindow(now, r.seconds * 1000, r.stepSeconds * 1000);
  const samples = await readSeriesSamples(db, id, w, r.seconds > SAMPLES_COVER_SECONDS);
  return {
    range,
    stepSeconds: r.stepSeconds,
    from: w.from.toISOString(),
    to: new Date(w.from.getTime() + w.count * w.stepMs).toISOString(),
    points: seriesPoints(samples, w),
  };
}
