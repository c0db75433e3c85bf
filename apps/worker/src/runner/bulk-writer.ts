import { describeEsError, type esErrors } from "@outflow/connectors/elasticsearch";
import { searchFailure } from "@outflow/connectors/search-failure";
import type { SearchSink } from "@outflow/connectors/search-sink";
import { classifyItem, type ItemResult, type PendingAction } from "@outflow/pipeline";
import { bulkMetrics } from "../metrics/bulk-metrics";

export type BulkWriterOptions = { maxDocs: number; maxBytes: number; maxWaitMs: number; concurrency: number };

type Group = { items: PendingAction[]; bytes: number; resolve: (r: ItemResult[]) => void };

/**
 * Merges the chunks that concurrent partitions submit into `_bulk` requests. A request goes out at once while fewer
 * than `concurrency` are in flight (or after `maxWaitMs`, when that is set, to batch more at low rates); while all
 * are busy, chunks accumulate and leave together when a request completes, up to maxDocs / maxBytes per request.
 * Callers await their own items' results, so a busy sink holds fetching back (backpressure).
 */
export class BulkWriter {
  private buffer: Group[] = [];
  private docs = 0;
  private bytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;

  constructor(
    private readonly sink: SearchSink,
    private readonly opts: BulkWriterOptions,
  ) {}

  send(items: PendingAction[]): Promise<ItemResult[]> {
    if (items.length === 0) {
      return Promise.resolve([]);
    }
    return new Promise((resolve) => {
      const bytes = items.reduce((n, i) => n + i.bytes, 0);
      this.buffer.push({ items, bytes, resolve });
      this.docs += items.length;
      this.bytes += bytes;
      if (this.opts.maxWaitMs === 0 || this.docs >= this.opts.maxDocs || this.bytes >= this.opts.maxBytes) {
        this.pump();
      } else {
        this.timer ??= setTimeout(() => this.pump(), this.opts.maxWaitMs);
      }
    });
  }

  /** Sends what is buffered, one request per free slot. */
  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.buffer.length > 0 && this.inFlight < this.opts.concurrency) {
      const batch: Group[] = [];
      let docs = 0;
      let bytes = 0;
      while (this.buffer.length > 0) {
        const next = this.buffer[0] as Group;
        if (batch.length > 0 && (docs + next.items.length > this.opts.maxDocs || bytes + next.bytes > this.opts.maxBytes)) {
          break;
        }
        batch.push(next);
        this.buffer.shift();
        docs += next.items.length;
        bytes += next.bytes;
      }
      this.docs -= docs;
      this.bytes -= bytes;
      this.inFlight++;
      void this.dispatch(batch);
    }
  }

  private async dispatch(batch: Group[]): Promise<void> {
    try {
      const items = batch.flatMap((g) => g.items);
      const results = await this.request(items);
      let at = 0;
      for (const g of batch) {
        g.resolve(results.slice(at, at + g.items.length));
        at += g.items.length;
      }
    } finally {
      this.inFlight--;
      this.pump();
    }
  }

  private async request(items: PendingAction[]): Promise<ItemResult[]> {
    const started = performance.now();
    try {
      const body = bulkBody(items);
      const res = await this.sink.bulk(body);
      bulkMetrics.requestDone((performance.now() - started) / 1000, "ok");
      const out = res.items ?? [];
      if (out.length !== items.length) {
        const failure = { kind: "transient" as const, status: 0, reason: `bulk response had ${out.length} items for ${items.length} actions` };
        bulkMetrics.requestFailed(items.length, null, failure);
        return items.map(() => failure);
      }
      const results = out.map(classifyItem);
      bulkMetrics.itemsAnswered(out, results);
      return results;
    } catch (err) {
      bulkMetrics.requestDone((performance.now() - started) / 1000, "error");
      const failure = requestFailure(err, this.sink.connectionName);
      bulkMetrics.requestFailed(items.length, searchFailure(err), failure);
      return items.map(() => failure);
    }
  }
}

/**
 * The request body, written straight into one buffer: joining the NDJSON strings and letting the client encode the
 * result cost 5.6 µs per document in the bench workload, this 0.3 (`bytes` is each action's UTF-8 length).
 */
export function bulkBody(items: PendingAction[]): Buffer {
  let total = 0;
  for (const i of items) {
    total += i.bytes;
  }
  // Four spare bytes: room for one more character of an action whose text is longer than its count, so that
  // `write` cannot stop exactly at the count by running out of space.
  const body = Buffer.allocUnsafe(total + 4);
  let at = 0;
  for (const i of items) {
    const written = body.write(i.ndjson, at, "utf8");
    if (written !== i.bytes) {
      throw new Error(`bulk body: wrote ${written} bytes of an action counted as ${i.bytes}`);
    }
    at += written;
  }
  return body.subarray(0, total);
}

/**
 * A whole request failed. Only a 400 or 413 is this request's content, final for its items. Anything else is the
 * server's or the connection's condition, never a message's: connection errors, timeouts, 429 and 5xx are retried;
 * so are 401/403 and a TLS failure, both naming the connection (fix the connection, nothing is lost meanwhile); a
 * server that does not take this dialect or has no `_bulk` (406/415, 404/405, an answer that is not JSON) fails the
 * task, offsets unmoved.
 */
export function requestFailure(err: unknown, connectionName: string): ItemResult {
  const failure = searchFailure(err);
  const status = failure.status ?? 0;
  switch (failure.category) {
    case "credentials":
      return { kind: "transient", status, reason: `Elasticsearch refused the credentials of connection ${connectionName} (HTTP ${status})`, server: "retry" };
    case "tls":
      return { kind: "transient", status, reason: `Elasticsearch connection "${connectionName}": ${failure.message}`, server: "retry" };
    case "media_type":
    case "not_search_server":
      return { kind: "transient", status, reason: `connection ${connectionName}: ${failure.message}`, server: "fail" };
    case "rejected": {
      if (status === 400 || status === 413) {
        const type = (err as InstanceType<typeof esErrors.ResponseError>).meta.body as { error?: { type?: string } } | undefined;
        return { kind: "permanent", status, type: type?.error?.type ?? "request_rejected", reason: describeEsError(err) };
      }
      return { kind: "transient", status, reason: `connection ${connectionName}: ${failure.message}`, server: "retry" };
    }
    default:
      return { kind: "transient", status, reason: describeEsError(err) };
  }
}
