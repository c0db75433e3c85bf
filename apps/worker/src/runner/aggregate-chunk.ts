import type { SearchSink } from "@outflow/connectors/search-sink";
import {
  type AggregationInput,
  type AggregationSpec,
  actionToNdjson,
  aggregationInputs,
  byteLength,
  type CurrentDoc,
  countEffect,
  type DocumentEffects,
  docKey,
  type MessageOutcome,
  type PendingAction,
  type Processed,
  planAggregation,
  RecurringRejections,
} from "@outflow/pipeline";
import { type BulkWriter, requestFailure } from "./bulk-writer";
import type { SettleHooks } from "./settle-hooks";

/**
 * Aggregation mode for one chunk (one partition, offset order): read the groups' documents, fold the new messages in
 * (pure planAggregation), write back with if_seq_no (index or partial update) / create. A version conflict (another partition's consumer
 * wrote the group meanwhile) or a transient failure re-reads and re-plans; the documents' per-partition offsets make
 * re-planning count nothing twice. Null when the runner had to stop first.
 */
export async function aggregateChunk(
  sink: SearchSink,
  writer: BulkWriter,
  spec: AggregationSpec,
  partitionKey: string,
  offsets: string[],
  processed: Processed[],
  hooks: SettleHooks,
): Promise<MessageOutcome[] | null> {
  const outcomes: (MessageOutcome | null)[] = processed.map((p) => (p.kind === "write" ? null : p));
  let pending = processed.flatMap((p, i) => (p.kind === "write" ? [i] : []));
  // A group write folds several messages: what it did to the group's document is counted on its first message.
  const effects: DocumentEffects[] = processed.map(() => ({ created: 0, updated: 0, deleted: 0 }));
  let attempt = 0;
  // Group writes are planned afresh each round: a recurring rejection is followed by the group document's key.
  const recurring = new RecurringRejections<string>();
  while (pending.length > 0) {
    if (!hooks.canContinue()) {
      return null;
    }
    const inputs = aggregationInputs(processed, pending, partitionKey, offsets);
    let current: Map<string, CurrentDoc>;
    try {
      current = await readGroups(sink, inputs);
    } catch (err) {
      const failure = requestFailure(err, sink.connectionName);
      if (failure.kind === "transient" && failure.server === "fail") {
        await hooks.fatal(failure.reason);
        return null;
      }
      attempt++;
      await hooks.transient(`reading group documents failed: ${failure.kind === "ok" ? "" : failure.reason}`, attempt);
      continue;
    }
    const writes = planAggregation(spec, inputs, current);
    const sent: PendingAction[] = writes.map((w, i) => {
      const ndjson = actionToNdjson(w.action);
      return { message: i, action: w.action, ndjson, bytes: byteLength(ndjson) };
    });
    const results = await writer.send(sent);
    const fatal = results.find((r) => r.kind === "transient" && r.server === "fail");
    if (fatal?.kind === "transient") {
      await hooks.fatal(fatal.reason);
      return null;
    }
    const retry = new Set<number>();
    let transient: string | null = null;
    let server: string | null = null;
    const now = Date.now();
    writes.forEach((w, i) => {
      const answer = results[i];
      const r = answer && recurring.judge(docKey(w.action.index, w.action.id ?? ""), answer, now);
      if (r?.kind === "transient") {
        transient = r.reason;
        server = r.server === "retry" ? r.reason : server;
      }
      // 409: another consumer wrote the group since it was read; 404 on an update: the document was deleted since.
      const conflict = r?.kind === "permanent" && (r.status === 409 || (r.status === 404 && r.type === "document_missing_exception"));
      if (r?.kind === "ok") {
        countEffect(effects[w.messages[0] ?? -1], r.effect);
      }
      for (const m of w.messages) {
        if (r?.kind === "transient" || conflict) {
          retry.add(m);
        } else if (r?.kind === "permanent") {
          outcomes[m] = { kind: "failed", stage: "index", reason: r.reason, status: r.status, errorType: r.type };
        }
      }
    });
    for (const i of pending) {
      if (!retry.has(i) && outcomes[i] === null) {
        outcomes[i] = { kind: "written", actions: inputs.find((x) => x.message === i)?.contributions.length ?? 0, documents: effects[i] };
      }
    }
    pending = pending.filter((i) => retry.has(i) && outcomes[i] === null);
    if (transient !== null) {
      attempt++;
      await hooks.transient(server ?? `group writes failed transiently (${transient})`, attempt);
    }
  }
  if (attempt > 0) {
    await hooks.recovered();
  }
  return outcomes.map((o) => o ?? { kind: "failed", stage: "index", reason: "not settled" });
}

async function readGroups(sink: SearchSink, inputs: AggregationInput[]): Promise<Map<string, CurrentDoc>> {
  const keys = new Map<string, { index: string; id: string }>();
  for (const input of inputs) {
    for (const c of input.contributions) {
      keys.set(docKey(c.index, c.id), { index: c.index, id: c.id });
    }
  }
  const out = new Map<string, CurrentDoc>();
  if (keys.size === 0) {
    return out;
  }
  const docs = await sink.mget([...keys.values()].map((k) => ({ _index: k.index, _id: k.id })));
  for (const doc of docs) {
    if (doc.error && doc.error.type !== "index_not_found_exception") {
      throw new Error(`${doc.error.type}: ${doc.error.reason}`);
    }
    out.set(
      docKey(doc._index, doc._id),
      doc.found && doc._source ? { found: true, source: doc._source, seqNo: doc._seq_no ?? 0, primaryTerm: doc._primary_term ?? 1 } : { found: false },
    );
  }
  return out;
}
