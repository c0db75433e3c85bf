import { ChunkSettlement, type KafkaMessage, processMessage } from "@outflow/pipeline";
import type { EachBatchPayload } from "kafkajs";
import { schemasReady } from "./batch-schemas";
import { CONSUMER_SETTINGS } from "./consumer-settings";
import type { ChunkWork, Generation, SlotControl } from "./slot-generation";
import type { StageTimes } from "./stage-times";

/**
 * Fetch side: processes each chunk of a batch (the pure pipeline), queues it on its partition's lane and returns,
 * so kafkajs fetches the next batch while Elasticsearch writes this one. Waits first while the worker's fetch
 * budget is full.
 */
export async function takeBatch(gen: Generation, p: EachBatchPayload, slot: SlotControl, stageTimes: StageTimes | null): Promise<void> {
  const { batch } = p;
  const { topic, partition } = batch;
  const lane = `${topic}/${partition}`;
  const epoch = slot.epoch;
  const policy = gen.task.config.failure.policy;
  const chunkSize = gen.task.config.delivery.bulkMaxDocs;
  for (let from = 0; from < batch.messages.length; from += chunkSize) {
    const slice = batch.messages.slice(from, from + chunkSize);
    let bytes = 0;
    for (const m of slice) {
      bytes += (m.value?.length ?? 0) + (m.key?.length ?? 0);
    }
    await gen.lanes.reserve(lane, bytes, gen.ending.signal, p.heartbeat, CONSUMER_SETTINGS.heartbeatInterval);
    const stillWanted = () =>
      p.isRunning() && !p.isStale() && !slot.halted && !gen.ending.signal.aborted && !gen.broken && epoch === slot.epoch && slot.leaseValid();
    if (!stillWanted()) {
      return;
    }
    const messages: KafkaMessage[] = slice.map((m) => ({
      topic,
      partition,
      offset: m.offset,
      timestamp: m.timestamp,
      key: m.key,
      value: m.value,
      headers: m.headers,
    }));
    if (!(await schemasReady(gen, messages, p, stillWanted))) {
      return;
    }
    const now = Date.now();
    let processed = messages.map((m) => processMessage(gen.compiled, m, now));
    // Retain: nothing after a failing message may be committed; don't even send it, nor let anything join it.
    const failedAt = policy === "retain" ? processed.findIndex((r) => r.kind === "failed") : -1;
    if (failedAt >= 0) {
      processed = processed.slice(0, failedAt + 1);
    }
    const closed = failedAt >= 0;
    const settled = messages.slice(0, processed.length);
    // Resolving moves kafkajs's fetch position only; commits follow Elasticsearch's acknowledgement (ChunkSettler).
    p.resolveOffset((settled[settled.length - 1] as KafkaMessage).offset);
    stageTimes?.record("fetch", Date.now() - Number((settled[0] as KafkaMessage).timestamp));
    const open = gen.lanes.waiting(lane);
    const { bulkMaxDocs, bulkMaxBytes, maxDocumentBytes } = gen.task.config.delivery;
    if (open && open.epoch === epoch && !open.closed && open.messages.length + settled.length <= bulkMaxDocs && open.bytes + bytes <= bulkMaxBytes) {
      open.messages.push(...settled);
      if (open.work.kind === "write") {
        open.work.settlement.append(processed);
      } else {
        open.work.processed.push(...processed);
      }
      open.bytes += bytes;
      open.closed = closed;
      gen.lanes.grow(lane, bytes);
    } else {
      // Serialised now, so that a queued chunk holds each document once, as NDJSON (aggregation needs the objects).
      const spec = gen.compiled.aggregation;
      const work: ChunkWork = spec
        ? { kind: "aggregate", spec, processed }
        : { kind: "write", settlement: new ChunkSettlement(processed, maxDocumentBytes, true) };
      gen.lanes.enqueue(lane, bytes, { epoch, queuedAt: Date.now(), messages: settled, work, bytes, closed, payload: p });
    }
    if (closed) {
      return;
    }
  }
}
