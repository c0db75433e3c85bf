import { esErrors } from "@outflow/connectors/elasticsearch";
import { actionToNdjson, byteLength, type PendingAction } from "@outflow/pipeline";
import { describe, expect, it } from "vitest";
import { BulkWriter, bulkBody, requestFailure } from "./bulk-writer";

function pending(doc: Record<string, unknown>, id: string): PendingAction {
  const action = { op: "index" as const, index: "logs", id, doc };
  const ndjson = actionToNdjson(action);
  return { message: 0, action, ndjson, bytes: byteLength(ndjson) };
}

describe("bulkBody", () => {
  it("is the UTF-8 of the actions' NDJSON, in order, multi-byte text included", () => {
    const items = [pending({ msg: "plain" }, "1"), pending({ msg: "héllo wörld — 日本語 😀" }, "2"), pending({ n: 3 }, "ключ")];
    const body = bulkBody(items);
    expect(body.toString("utf8")).toBe(items.map((i) => i.ndjson).join(""));
    expect(body.length).toBe(Buffer.byteLength(items.map((i) => i.ndjson).join("")));
  });

  it("refuses actions whose byte count does not match their text", () => {
    const item = pending({ msg: "😀" }, "1");
    expect(() => bulkBody([{ ...item, bytes: item.bytes - 1 }])).toThrow(/bulk body: wrote/);
    expect(() => bulkBody([{ ...item, bytes: item.bytes + 1 }])).toThrow(/bulk body: wrote/);
  });
});

describe("requestFailure", () => {
  const response = (statusCode: number, body: unknown = { error: { type: "some_exception", reason: "<html>remote page</html>" } }) =>
    new esErrors.ResponseError({ statusCode, body, headers: {}, warnings: null, meta: {} as never });

  it("401/403: the server refused the connection's credentials, retried, never the message's", () => {
    expect(requestFailure(response(401), "logs cluster")).toEqual({
      kind: "transient",
      status: 401,
      reason: "Elasticsearch refused the credentials of connection logs cluster (HTTP 401)",
      server: "retry",
    });
    expect(requestFailure(response(403), "c")).toMatchObject({ kind: "transient", status: 403, server: "retry" });
  });

  it("an untrusted certificate: a TLS failure of the connection, named, retried, never the message's", () => {
    const err = new esErrors.ConnectionError(
      "unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca",
    );
    expect(requestFailure(err, "logs cluster")).toEqual({
      kind: "transient",
      status: 0,
      reason:
        'Elasticsearch connection "logs cluster": TLS: the node\'s certificate is not trusted (unable to verify the first certificate); give the connection the CA certificate that signed it',
      server: "retry",
    });
  });

  it("406/415 and a missing _bulk fail the task, never the messages, and never quote the remote body", () => {
    for (const status of [406, 415, 404, 405]) {
      const r = requestFailure(response(status), "c");
      expect(r).toMatchObject({ kind: "transient", status, server: "fail" });
      expect(JSON.stringify(r)).not.toContain("remote page");
    }
    // What Elasticsearch and OpenSearch answer where a node address's path has no API under it.
    const noBulk = requestFailure(response(400, { error: "no handler found for uri [/proxy/_bulk] and method [POST]" }), "c");
    expect(noBulk).toEqual({
      kind: "transient",
      status: 400,
      reason: "connection c: not Elasticsearch or OpenSearch: the endpoint is missing (HTTP 400)",
      server: "fail",
    });
  });

  it("only 400 and 413 are the request's content; other 4xx are the server's condition", () => {
    expect(requestFailure(response(400, { error: { type: "parse_exception", reason: "bad" } }), "c")).toMatchObject({
      kind: "permanent",
      status: 400,
      type: "parse_exception",
    });
    expect(requestFailure(response(413), "c")).toMatchObject({ kind: "permanent", status: 413 });
    expect(requestFailure(response(408), "c")).toMatchObject({ kind: "transient", status: 408, server: "retry" });
    expect(requestFailure(response(503), "c")).toMatchObject({ kind: "transient", status: 503 });
    expect(requestFailure(new esErrors.ConnectionError("connect ECONNREFUSED 127.0.0.1:1"), "c")).toMatchObject({ kind: "transient", status: 0 });
  });
});

/**
 * A stand-in search server for the writer's own logic (the real-server behaviour is in
 * tests/integration/bulk-request-sizes.int.test.ts): answers every item created, or 413 to a body over `limit`.
 */
function fakeSink(limit = Number.POSITIVE_INFINITY, rejectFirst = 0) {
  const bodies: string[] = [];
  const openAtSend: number[] = [];
  const refreshed: boolean[] = [];
  let open = 0;
  let maxOpen = 0;
  const sink = {
    connectionName: "c",
    async bulk(body: Buffer, opts?: { refresh?: boolean }) {
      refreshed.push(opts?.refresh === true);
      open++;
      openAtSend.push(open);
      maxOpen = Math.max(maxOpen, open);
      await new Promise((r) => setTimeout(r, 5));
      open--;
      const text = body.toString("utf8");
      bodies.push(text);
      if (body.length > limit) {
        throw new esErrors.ResponseError({ statusCode: 413, body: "", headers: {}, warnings: null, meta: {} as never });
      }
      const actions = text.split("\n").filter((l) => l.startsWith('{"index"')).length;
      const rejected = bodies.length <= rejectFirst;
      return {
        items: Array.from({ length: actions }, () =>
          rejected
            ? { index: { status: 429, error: { type: "es_rejected_execution_exception", reason: "rejected" } } }
            : { index: { status: 201, result: "created" } },
        ),
      };
    },
  };
  return { sink: sink as never, bodies, maxOpen: () => maxOpen, openAtSend, refreshed };
}

const doc = (id: string, size = 10, message = 0): PendingAction => ({ ...pending({ s: "x".repeat(size) }, id), message });
const actionsIn = (body: string) => body.split("\n").filter((l) => l.startsWith('{"index"')).length;
const idsIn = (body: string) => [...body.matchAll(/"_id":"([^"]+)"/g)].map((m) => m[1]);

describe("BulkWriter", () => {
  it("bounds a request by maxDocs actions and maxBytes of NDJSON, splitting one chunk across requests in order", async () => {
    const { sink, bodies } = fakeSink();
    const items = Array.from({ length: 23 }, (_, i) => doc(`d${i}`, 100));
    const maxBytes = (items[0] as PendingAction).bytes * 4 + 10;
    const writer = new BulkWriter(sink, { maxDocs: 5, maxBytes, maxWaitMs: 0, concurrency: 2 });
    const results = await writer.send(items);
    expect(results).toHaveLength(23);
    expect(results.every((r) => r.kind === "ok")).toBe(true);
    expect(bodies.map(actionsIn)).toEqual([4, 4, 4, 4, 4, 3]);
    expect(Math.max(...bodies.map((b) => Buffer.byteLength(b)))).toBeLessThanOrEqual(maxBytes);
    // One chunk's requests go one after the other, in order.
    expect(bodies.flatMap(idsIn)).toEqual(items.map((i) => i.action.id));
  });

  it("counts actions, not callers: many small chunks share a request up to maxDocs, several requests in flight", async () => {
    const { sink, bodies, maxOpen } = fakeSink();
    const writer = new BulkWriter(sink, { maxDocs: 7, maxBytes: 1 << 20, maxWaitMs: 0, concurrency: 2 });
    const chunks = Array.from({ length: 10 }, (_, c) => Array.from({ length: 3 }, (_, i) => doc(`c${c}-${i}`, 10, i)));
    const all = await Promise.all(chunks.map((c) => writer.send(c)));
    expect(all.map((r) => r.length)).toEqual(chunks.map(() => 3));
    expect(Math.max(...bodies.map(actionsIn))).toBeLessThanOrEqual(7);
    expect(bodies.map(actionsIn).reduce((a, b) => a + b, 0)).toBe(30);
    expect(maxOpen()).toBe(2);
  });

  it("an action over maxBytes goes alone", async () => {
    const { sink, bodies } = fakeSink();
    const writer = new BulkWriter(sink, { maxDocs: 100, maxBytes: 2_000, maxWaitMs: 0, concurrency: 1 });
    await writer.send([doc("a"), doc("big", 5_000), doc("b")]);
    expect(bodies.map(idsIn)).toEqual([["a"], ["big"], ["b"]]);
  });

  it("a 413 splits the request in halves down to the one action that alone is too large: only it fails", async () => {
    const { sink, bodies } = fakeSink(2_000);
    const writer = new BulkWriter(sink, { maxDocs: 100, maxBytes: 1 << 20, maxWaitMs: 0, concurrency: 2 });
    const items = [...Array.from({ length: 9 }, (_, i) => doc(`g${i}`, 100)), doc("huge", 3_000), doc("g9", 100)];
    const results = await writer.send(items);
    expect(results.map((r) => r.kind)).toEqual([...Array(9).fill("ok"), "permanent", "ok"]);
    expect(results[9]).toMatchObject({ kind: "permanent", status: 413, type: "document_too_large" });
    expect((results[9] as { reason: string }).reason).toMatch(/^the server refused a request of this document alone \(3\.\d KiB of NDJSON\)/);
    // Every document other than the huge one was accepted exactly once, in order.
    const accepted = bodies.filter((b) => Buffer.byteLength(b) <= 2_000).flatMap(idsIn);
    expect(accepted).toEqual(items.map((i) => i.action.id).filter((id) => id !== "huge"));
  });

  it("paces itself: 429s halve the requests in flight and their size, good answers bring them back to the settings", async () => {
    const { sink, bodies, openAtSend } = fakeSink(Number.POSITIVE_INFINITY, 4);
    const paces: { concurrency: number; maxDocs: number; backingOff: string | null }[] = [];
    const writer = new BulkWriter(sink, {
      maxDocs: 8,
      maxBytes: 1 << 20,
      maxWaitMs: 0,
      concurrency: 4,
      pace: { slowMs: 60_000, minDocs: 2, minBytes: 1_024, stepUpAfter: 2 },
      onPace: (p) => paces.push({ concurrency: p.concurrency, maxDocs: p.maxDocs, backingOff: p.backingOff }),
    });
    // 4 chunks at once fill the 4 slots; the 4 answers are all 429, from requests sent in the same epoch: one cut.
    const first = await Promise.all(Array.from({ length: 4 }, (_, c) => writer.send(Array.from({ length: 8 }, (_, i) => doc(`a${c}-${i}`)))));
    expect(first.flat().every((r) => r.kind === "transient")).toBe(true);
    expect(paces).toEqual([{ concurrency: 2, maxDocs: 4, backingOff: "throttled" }]);
    expect(writer.paceState()).toMatchObject({ concurrency: 2, maxDocs: 4, ceiling: { concurrency: 4, maxDocs: 8 } });
    // The next requests go 2 at a time, 4 actions each (until 2 good answers step the pace up).
    await Promise.all(Array.from({ length: 4 }, (_, c) => writer.send(Array.from({ length: 8 }, (_, i) => doc(`b${c}-${i}`)))));
    expect(bodies.slice(4, 6).map(actionsIn)).toEqual([4, 4]);
    expect(openAtSend.slice(4, 6)).toEqual([1, 2]);
    expect(Math.max(...openAtSend.slice(4, 8))).toBeLessThan(4);
    // Enough good answers: back at the settings, and said so.
    for (let k = 0; k < 6; k++) {
      await writer.send(Array.from({ length: 8 }, (_, i) => doc(`c${k}-${i}`)));
    }
    expect(writer.paceState()).toMatchObject({ concurrency: 4, maxDocs: 8, backingOff: null });
    expect(paces.at(-1)).toEqual({ concurrency: 4, maxDocs: 8, backingOff: null });
  });

  it("refreshFirst: only the writer's first request asks for a refresh (the first documents searchable at once)", async () => {
    const { sink, refreshed } = fakeSink();
    const writer = new BulkWriter(sink, { maxDocs: 2, maxBytes: 1 << 20, maxWaitMs: 0, concurrency: 1, refreshFirst: true });
    await writer.send([doc("a"), doc("b"), doc("c"), doc("d"), doc("e")]);
    expect(refreshed).toEqual([true, false, false]);
    const plain = fakeSink();
    await new BulkWriter(plain.sink, { maxDocs: 2, maxBytes: 1 << 20, maxWaitMs: 0, concurrency: 1 }).send([doc("a"), doc("b"), doc("c")]);
    expect(plain.refreshed).toEqual([false, false]);
  });
});
