import { describeEsError, type esErrors } from "@outflow/connectors/elasticsearch";
import { searchFailure } from "@outflow/connectors/search-failure";
import type { SearchSink } from "@outflow/connectors/search-sink";
import { type BulkResponseItem, classifyItem, type ItemResult, type PendingAction } from "@outflow/pipeline";
import { bulkMetrics } from "../metrics/bulk-metrics";
import { DEFAULT_PACE_OPTIONS, type PaceOptions, type PaceState, type RequestOutcome, WritePace } from "./write-pace";

export type BulkWriterOptions = {
  maxDocs: number;
  maxBytes: number;
  maxWaitMs: number;
  concurrency: number;
  /** How the pace adapts below maxDocs/maxBytes/concurrency (see WritePace). */
  pace?: PaceOptions;
  /** Called when the pace changes (the server pushed back, or the pace climbed back). */
  onPace?: (state: PaceState) => void;
  /**
   * The first request asks the server to refresh the shards it wrote: a task's first documents are searchable at
   * once instead of at the index's next refresh (1 s by default). One refresh per writer (per consumer generation).
   */
  refreshFirst?: boolean;
};

/** One caller's items (a chunk's actions): its results fill in as the requests that carry them are answered. */
type Group = {
  items: PendingAction[];
  /** The first item not yet in a request. */
  next: number;
  results: ItemResult[];
  unanswered: number;
  /** A request carries some of its items: the rest wait for it, so that a chunk's writes land in offset order. */
  busy: boolean;
  resolve: (r: ItemResult[]) => void;
};

/** A run of one group's items in a request. */
type Part = { group: Group; from: number; to: number };

/**
 * Merges the chunks that concurrent partitions submit into `_bulk` requests of at most `maxDocs` actions and
 * `maxBytes` bytes of NDJSON (an action larger than `maxBytes` goes alone), splitting a chunk across requests where
 * it does not fit. Those three are ceilings: the pace (WritePace) halves them while the server answers 429 or slowly
 * and climbs back while it keeps up. A request goes out at once while fewer than `concurrency` are in flight (or after `maxWaitMs`,
 * when that is set, to batch more at low rates); while all are busy, chunks accumulate and leave together when a
 * request completes. The requests that carry one chunk go one after the other, so its writes to one document land
 * in order. Callers await their own items' results, so a busy sink holds fetching back (backpressure).
 */
export class BulkWriter {
  /** Groups with items not yet in a request, in arrival order. */
  private buffer: Group[] = [];
  private docs = 0;
  private bytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  private readonly pace: WritePace;
  private refreshNext: boolean;

  constructor(
    private readonly sink: SearchSink,
    private readonly opts: BulkWriterOptions,
  ) {
    this.pace = new WritePace({ maxDocs: opts.maxDocs, maxBytes: opts.maxBytes, concurrency: opts.concurrency }, opts.pace ?? DEFAULT_PACE_OPTIONS);
    this.refreshNext = opts.refreshFirst ?? false;
  }

  /** The pace now: what requests may carry and how many may be in flight, below the task's settings. */
  paceState(): PaceState {
    return this.pace.state();
  }

  send(items: PendingAction[]): Promise<ItemResult[]> {
    if (items.length === 0) {
      return Promise.resolve([]);
    }
    return new Promise((resolve) => {
      this.buffer.push({ items, next: 0, results: new Array(items.length), unanswered: items.length, busy: false, resolve });
      this.docs += items.length;
      for (const i of items) {
        this.bytes += i.bytes;
      }
      const limits = this.pace.limits();
      if (this.opts.maxWaitMs === 0 || this.docs >= limits.maxDocs || this.bytes >= limits.maxBytes) {
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
    while (this.inFlight < this.pace.limits().concurrency) {
      const parts = this.nextRequest();
      if (parts.length === 0) {
        return;
      }
      this.inFlight++;
      void this.dispatch(parts);
    }
  }

  /** Takes the next request's items: whole actions, in order, from groups no request is carrying. */
  private nextRequest(): Part[] {
    const { maxDocs, maxBytes } = this.pace.limits();
    const parts: Part[] = [];
    let docs = 0;
    let bytes = 0;
    for (const g of this.buffer) {
      if (g.busy) {
        continue;
      }
      const from = g.next;
      let to = from;
      while (to < g.items.length) {
        const size = (g.items[to] as PendingAction).bytes;
        if (docs > 0 && (docs + 1 > maxDocs || bytes + size > maxBytes)) {
          break;
        }
        docs++;
        bytes += size;
        to++;
      }
      if (to > from) {
        g.next = to;
        g.busy = true;
        parts.push({ group: g, from, to });
      }
      if (docs >= maxDocs || to < g.items.length) {
        break;
      }
    }
    this.buffer = this.buffer.filter((g) => g.next < g.items.length);
    this.docs -= docs;
    this.bytes -= bytes;
    return parts;
  }

  private async dispatch(parts: Part[]): Promise<void> {
    try {
      const items = parts.flatMap((p) => p.group.items.slice(p.from, p.to));
      const results = await this.request(items);
      let at = 0;
      for (const { group, from, to } of parts) {
        for (let i = from; i < to; i++) {
          group.results[i] = results[at++] as ItemResult;
        }
        group.unanswered -= to - from;
        group.busy = false;
        if (group.unanswered === 0) {
          group.resolve(group.results);
        }
      }
    } finally {
      this.inFlight--;
      this.pump();
    }
  }

  /**
   * Sends `items` as one request. A whole-request 413 (over the server's `http.max_content_length`) sends the two
   * halves instead, one after the other (so the writes to one document stay in order), down to single actions: only
   * an action that alone is too large fails (document_too_large).
   */
  private async request(items: PendingAction[]): Promise<ItemResult[]> {
    const started = performance.now();
    const epoch = this.pace.epoch;
    try {
      const body = bulkBody(items);
      const refresh = this.refreshNext;
      this.refreshNext = false;
      const res = await this.sink.bulk(body, refresh ? { refresh } : undefined);
      const seconds = (performance.now() - started) / 1000;
      bulkMetrics.requestDone(seconds, "ok");
      const out = res.items ?? [];
      this.paced({ epoch, latencyMs: seconds * 1000, throttled: out.some(isThrottled) });
      if (out.length !== items.length) {
        const failure = { kind: "transient" as const, status: 0, reason: `bulk response had ${out.length} items for ${items.length} actions` };
        bulkMetrics.requestFailed(items.length, null, failure);
        return items.map(() => failure);
      }
      const results = out.map(classifyItem);
      bulkMetrics.itemsAnswered(out, results);
      return results;
    } catch (err) {
      const seconds = (performance.now() - started) / 1000;
      bulkMetrics.requestDone(seconds, "error");
      const failure = searchFailure(err);
      if (failure.category === "overloaded" || failure.category === "timed_out") {
        this.paced({ epoch, latencyMs: seconds * 1000, throttled: failure.category === "overloaded" });
      }
      if (failure.status === 413 && failure.category === "rejected") {
        if (items.length > 1) {
          const half = Math.ceil(items.length / 2);
          const first = await this.request(items.slice(0, half));
          return [...first, ...(await this.request(items.slice(half)))];
        }
        return [tooLargeForServer(items[0] as PendingAction)];
      }
      const result = requestFailure(err, this.sink.connectionName);
      bulkMetrics.requestFailed(items.length, failure, result);
      return items.map(() => result);
    }
  }

  private paced(outcome: RequestOutcome): void {
    if (this.pace.record(outcome)) {
      this.opts.onPace?.(this.pace.state());
    }
  }
}

/** An item the server turned away for load (es_rejected_execution_exception): 429. */
function isThrottled(item: BulkResponseItem | undefined): boolean {
  const body = item && (item.index ?? item.create ?? item.update ?? item.delete);
  return body?.status === 429;
}

/** One action that alone is a request over the server's limit: its message fails (stage index). */
export function tooLargeForServer(item: PendingAction): ItemResult {
  const kib = (item.bytes / 1024).toFixed(1);
  return {
    kind: "permanent",
    status: 413,
    type: "document_too_large",
    reason: `the server refused a request of this document alone (${kib} KiB of NDJSON) as too large (HTTP 413: over its http.max_content_length)`,
  };
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
 * A whole request failed. Only a 400 or 413 is this request's content, final for its items (BulkWriter splits a
 * 413 first, so only an action that alone is too large gets here). Anything else is the
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
