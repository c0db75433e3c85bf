import type { Readable } from "node:stream";
import { STAGES, type StageName, type StageSummary } from "../apps/worker/src/runner/stage-times";

type Window = { at: number; stages: Record<StageName, StageSummary>; loop?: { p99: number; max: number } };

/** The worker's event-loop delay over a stretch of time: the median of the 1-s windows' p99, and the worst max. */
export type LoopDelay = { p99: number; worstMax: number };

/** Per stage over a stretch of time: the median of the 1-s windows' p50, and the worst window's p99 and max. */
export type StageSpread = Record<StageName, { p50: number; worstP99: number; max: number }>;

/** The worker's stage-time windows in bench runs: the bench sets STAGE_TIMES_EVERY_MS to this. */
export const STAGE_WINDOW_MS = 1_000;

/** Collects the worker's "stage times" log lines (STAGE_TIMES_EVERY_MS) from its stdout. */
export class StageLog {
  private readonly windows: Window[] = [];
  private partial = "";

  follow(stdout: Readable | null | undefined): void {
    stdout?.on("data", (d: Buffer) => {
      const lines = (this.partial + String(d)).split("\n");
      this.partial = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.includes('"stage times"')) {
          continue;
        }
        try {
          const o = JSON.parse(line) as { t: string; stages: Window["stages"]; loopDelay?: Window["loop"] };
          this.windows.push({ at: Date.parse(o.t), stages: o.stages, loop: o.loopDelay });
        } catch {
          // not a log line of ours
        }
      }
    });
  }

  /** The `n` windows ending in [from, to] with the highest p99 of `stage`, slowest first. */
  slowest(from: number, to: number, stage: StageName, n: number): { at: number; p99: Record<StageName, number> }[] {
    return this.windows
      .filter((w) => w.at >= from && w.at <= to && (w.stages[stage]?.n ?? 0) > 0)
      .sort((a, b) => b.stages[stage].p99 - a.stages[stage].p99)
      .slice(0, n)
      .map((w) => ({ at: w.at, p99: Object.fromEntries(STAGES.map((s) => [s, w.stages[s]?.p99 ?? 0])) as Record<StageName, number> }));
  }

  /** The event-loop delay of the windows that ended in [from, to]; null when they carry none (an older worker). */
  loopDelay(from: number, to: number): LoopDelay | null {
    const loops = this.windows.filter((w) => w.at >= from && w.at <= to && w.loop).map((w) => w.loop as { p99: number; max: number });
    if (loops.length === 0) {
      return null;
    }
    const p99s = loops.map((l) => l.p99).sort((a, b) => a - b);
    return { p99: p99s[Math.floor(p99s.length / 2)] ?? 0, worstMax: Math.max(...loops.map((l) => l.max)) };
  }

  /** The windows that ended in [from, to], summarised; null when there are none (an older worker). */
  spread(from: number, to: number): StageSpread | null {
    const ws = this.windows.filter((w) => w.at >= from && w.at <= to);
    if (ws.length === 0) {
      return null;
    }
    const out = {} as StageSpread;
    for (const s of STAGES) {
      const live = ws.map((w) => w.stages[s]).filter((x) => x && x.n > 0);
      const p50s = live.map((x) => x.p50).sort((a, b) => a - b);
      out[s] = {
        p50: p50s[Math.floor(p50s.length / 2)] ?? 0,
        worstP99: Math.max(0, ...live.map((x) => x.p99)),
        max: Math.max(0, ...live.map((x) => x.max)),
      };
    }
    return out;
  }
}
