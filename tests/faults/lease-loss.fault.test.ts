import { FAULTS_SHORT, lossAndDuplicates, reconcile, recordFigures } from "@outflow/testing/fault-report";
import { waitFor } from "@outflow/testing/services";
import type { WorkerProcess } from "@outflow/testing/stack";
import { expect, it } from "vitest";
import { backgroundProducer, committedTotal, ids, waitCaughtUp } from "./driver";
import { faultScenario } from "./scenario";

const { es, index, startTask } = faultScenario("lease");

type LogLine = { t: string; msg: string; worker: string; token?: string; slot?: number; taskId?: string };

function logLines(w: WorkerProcess): LogLine[] {
  return w.logs
    .join("")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => {
      try {
        return JSON.parse(l) as LogLine;
      } catch {
        return null;
      }
    })
    .filter((l): l is LogLine => l !== null);
}

it("a worker frozen longer than its lease never acts beside the slot's new holder (fenced by the lease)", async () => {
  const total = FAULTS_SHORT ? 20_000 : 60_000;
  const blockMs = 20_000;
  const { stack, api, topic, task } = await startTask({
    workers: 2,
    workerEnv: { FAULT_BLOCK_MS: String(blockMs), LOG_LEVEL: "debug" },
    partitions: 4,
    failure: { policy: "discard" },
  });
  const producer = backgroundProducer(topic, total, 1_500);
  await waitFor("progress", async () => (await committedTotal(task.consumerGroup, topic)) > 2_000, 60_000);
  const holder = stack.workers.find((w) => logLines(w).some((l) => l.msg === "slot claimed"));
  if (!holder) {
    throw new Error("no worker holds the slot");
  }
  const other = stack.workers.find((w) => w !== holder) as WorkerProcess;
  const frozenAt = Date.now();
  holder.child.kill("SIGUSR2");
  await waitFor("the other worker to claim the slot", async () => logLines(other).some((l) => l.msg === "slot claimed"), 60_000, 250);
  await waitFor("the frozen worker to wake and give up", async () => logLines(holder).some((l) => l.msg === "slot ended"), blockMs + 60_000, 250);
  await producer.done;
  await waitCaughtUp(task.consumerGroup, topic, total);

  const oldLines = logLines(holder);
  const newLines = logLines(other);
  const oldToken = oldLines.find((l) => l.msg === "slot claimed")?.token;
  const newClaim = newLines.find((l) => l.msg === "slot claimed");
  const newClaimAt = new Date(newClaim?.t ?? 0).getTime();
  // The old holder's actions (commits) after the new holder took over: must be none.
  const lateCommits = oldLines.filter((l) => l.msg === "committing" && new Date(l.t).getTime() >= newClaimAt);
  const timeline = [...oldLines, ...newLines]
    .filter((l) =>
      ["slot claimed", "slot ended", "lease lost", "fault injection: blocking the event loop", "fault injection: event loop released"].includes(l.msg),
    )
    .sort((a, b) => a.t.localeCompare(b.t))
    .map((l) => `${l.t} ${l.worker} ${l.msg}${l.token ? ` token=${l.token}` : ""}`);
  const result = await lossAndDuplicates(es, index, ids(total));
  // The frozen holder wakes with chunks written but no lease to commit them: counted by the new holder only.
  const rec = await reconcile(api, task.id, task.consumerGroup, topic);
  recordFigures("lease loss (event loop frozen 20 s, lease 6 s)", {
    messages: total,
    faults: `SIGUSR2 froze the slot holder for ${blockMs / 1000} s`,
    oldToken,
    newToken: newClaim?.token,
    takeoverSeconds: (newClaimAt - frozenAt) / 1000,
    commitsByOldHolderAfterTakeover: lateCommits.length,
    lost: result.lost,
    duplicates: result.rewrites,
    reconciliation: rec.rows,
    timeline,
  });
  expect(Number(newClaim?.token)).toBeGreaterThan(Number(oldToken));
  expect(lateCommits).toEqual([]);
  expect(result.lost).toBe(0);
  expect(rec.balanced && rec.caughtUp).toBe(true);
});
