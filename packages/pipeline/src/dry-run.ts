import type { Action } from "./action";
import { aggregationInputs, planAggregation } from "./aggregation";
import { ChunkSettlement } from "./chunk-settlement";
import type { CompiledTask } from "./compile";
import type { KafkaMessage, Stage } from "./message";
import { processMessage } from "./process-message";

/** One write of a dry run: the `_bulk` lines of the action, aimed at throw-away index number `target`. */
export type DryRunWrite = { target: number; ndjson: string; bytes: number };

export type DryRunMessage = { topic: string; partition: number; offset: string } & (
  | { kind: "write"; writes: DryRunWrite[] }
  | { kind: "filtered"; reason: string }
  | { kind: "dropped"; reason: string }
  | { kind: "failed"; stage: Stage; reason: string }
  /** Aimed at an index past the dry run's limit of target indices: not tried. */
  | { kind: "skipped"; reason: string }
);

/** The messages' outcomes before anything is sent, and the real indices the throw-away ones stand in for. */
export type DryRunPlan = { targets: string[]; messages: DryRunMessage[] };

/**
 * The worker's own processMessage (and its size check, ChunkSettlement) over `messages`, with every action's index
 * replaced by a throw-away one (`throwawayName(k)` for the k-th distinct target, at most `maxTargets`): the lines to
 * send to the throw-away indices. Aggregation plans each message against an empty index, as the preview does.
 */
export function planDryRun(
  task: CompiledTask,
  messages: KafkaMessage[],
  now: number,
  opts: { throwawayName: (k: number) => string; maxTargets: number; knownTargets?: string[] },
): DryRunPlan {
  const targets = [...(opts.knownTargets ?? [])];
  const out: DryRunMessage[] = [];
  const targetOf = (index: string): number => {
    let k = targets.indexOf(index);
    if (k < 0 && targets.length < opts.maxTargets) {
      k = targets.push(index) - 1;
    }
    return k;
  };
  for (const m of messages) {
    const at = { topic: m.topic, partition: m.partition, offset: m.offset };
    const result = processMessage(task, m, now);
    if (result.kind !== "write") {
      out.push({ ...at, ...result });
      continue;
    }
    const actions = task.aggregation
      ? planAggregation(task.aggregation, aggregationInputs([result], [0], `${m.topic}/${m.partition}`, [m.offset]), new Map()).map((w) => w.action)
      : result.actions;
    const ks = actions.map((a) => targetOf(a.index));
    const over = actions.find((_, i) => (ks[i] as number) < 0);
    if (over) {
      out.push({ ...at, kind: "skipped", reason: `index ${over.index} is past the dry run's ${opts.maxTargets} target indices` });
      continue;
    }
    const renamed = actions.map((a, i) => ({ ...a, index: opts.throwawayName(ks[i] as number) }) as Action);
    const settlement = new ChunkSettlement([{ kind: "write", actions: renamed }], task.config.delivery.maxDocumentBytes);
    if (settlement.isComplete()) {
      const outcome = settlement.results()[0];
      if (outcome?.kind === "failed") {
        out.push({ ...at, kind: "failed", stage: outcome.stage, reason: outcome.reason });
        continue;
      }
    }
    const byName = new Map(renamed.map((a, i) => [a.index, ks[i] as number]));
    out.push({
      ...at,
      kind: "write",
      writes: settlement.pending().map((p) => ({ target: byName.get(p.action.index) as number, ndjson: p.ndjson, bytes: p.bytes })),
    });
  }
  return { targets, messages: out };
}
