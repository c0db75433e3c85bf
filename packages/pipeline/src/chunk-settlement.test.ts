import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Action, Processed } from "./action";
import { actionToNdjson, byteLength } from "./bulk";
import type { ItemResult } from "./bulk-result";
import { ChunkSettlement, type PendingAction } from "./chunk-settlement";

const OK: ItemResult = { kind: "ok", effect: "created" };
/** A written outcome whose writes Elasticsearch reported as `created` creations (OK answers: created). */
const written = (actions: number, created = actions) => ({ kind: "written", actions, documents: { created, updated: 0, deleted: 0 } });
const T429: ItemResult = { kind: "transient", status: 429, reason: "es_rejected_execution_exception: queue full" };
const T503: ItemResult = { kind: "transient", status: 503, reason: "unavailable_shards_exception: no primary" };
const P400: ItemResult = { kind: "permanent", status: 400, type: "document_parsing_exception", reason: "failed to parse [n]" };
const P409: ItemResult = { kind: "permanent", status: 409, type: "version_conflict_engine_exception", reason: "conflict" };

const idx = (id?: string, n = 0): Action => (id === undefined ? { op: "index", index: "logs", doc: { n } } : { op: "index", index: "logs", id, doc: { n } });
const write = (...actions: Action[]): Processed => ({ kind: "write", actions });

/** The ids (or "-" for none) and message numbers of the pending actions, e.g. ["x@0", "-@3"]. */
const pendingIds = (s: ChunkSettlement) => s.pending().map((p) => `${p.action.id ?? "-"}@${p.message}`);

/** Sends everything pending and answers with `results` (same order). */
const send = (s: ChunkSettlement, ...results: ItemResult[]) => s.record(s.pending(), results);

describe("ChunkSettlement", () => {
  it("queues every action of every written message, in order, with its NDJSON and byte size", () => {
    const doc: Action = { op: "index", index: "logs", id: "é", doc: { text: "日本" } };
    const s = new ChunkSettlement([write(idx("a")), { kind: "filtered", reason: "f" }, write(doc, { op: "delete", index: "logs", id: "b" })]);
    expect(s.pending().map((p) => [p.message, p.action])).toEqual([
      [0, idx("a")],
      [2, doc],
      [2, { op: "delete", index: "logs", id: "b" }],
    ]);
    const p = s.pending()[1] as PendingAction;
    expect(p.ndjson).toBe(actionToNdjson(doc));
    expect(p.bytes).toBe(byteLength(p.ndjson));
    expect(p.bytes).toBeGreaterThan(p.ndjson.length);
    expect(s.isComplete()).toBe(false);
  });

  it("is complete at once when nothing is written, and passes other outcomes through", () => {
    const s = new ChunkSettlement([
      { kind: "filtered", reason: "rule 1 (filter): x" },
      { kind: "dropped", reason: "empty value" },
      { kind: "failed", stage: "parse", reason: "invalid JSON" },
      { kind: "write", actions: [] },
    ]);
    expect(s.isComplete()).toBe(true);
    expect(s.results()).toEqual([
      { kind: "filtered", reason: "rule 1 (filter): x" },
      { kind: "dropped", reason: "empty value" },
      { kind: "failed", stage: "parse", reason: "invalid JSON" },
      written(0),
    ]);
  });

  it("grows by appended messages as if they had been in the chunk from the start", () => {
    const first: Processed[] = [write(idx("a")), { kind: "filtered", reason: "f" }];
    const second: Processed[] = [write(idx("b"), idx()), { kind: "failed", stage: "parse", reason: "invalid JSON" }, write(idx("a", 2))];
    const grown = new ChunkSettlement(first, 1_000);
    grown.append(second);
    const whole = new ChunkSettlement([...first, ...second], 1_000);
    expect(grown.size).toBe(5);
    expect(pendingIds(grown)).toEqual(pendingIds(whole));
    expect(pendingIds(grown)).toEqual(["a@0", "b@2", "-@2", "a@4"]);
    const answer = [OK, T429, OK, OK];
    expect(send(grown, ...answer)).toBe(send(whole, ...answer));
    expect(pendingIds(grown)).toEqual(pendingIds(whole));
    send(grown, OK);
    send(whole, OK);
    expect(grown.results()).toEqual(whole.results());
  });

  it("refuses to grow once part of the chunk was sent", () => {
    const s = new ChunkSettlement([write(idx("a"), idx("b"))]);
    s.record(s.pending().slice(0, 1), [T503]);
    expect(() => s.append([write(idx("c"))])).toThrow(/cannot grow/);
  });

  it("settles everything on an all-ok answer", () => {
    const s = new ChunkSettlement([write(idx("a")), write(idx(), idx("b")), { kind: "filtered", reason: "f" }]);
    expect(send(s, OK, OK, OK)).toBe(0);
    expect(s.isComplete()).toBe(true);
    expect(s.lastTransient).toBeNull();
    expect(s.results()).toEqual([written(1), written(2), { kind: "filtered", reason: "f" }]);
  });

  it("fails a message whose action fails permanently, with status and type; the others are written", () => {
    const s = new ChunkSettlement([write(idx("a")), write(idx("b")), write(idx())]);
    expect(send(s, OK, P400, P409)).toBe(0);
    expect(s.isComplete()).toBe(true);
    expect(s.results()).toEqual([
      written(1),
      { kind: "failed", stage: "index", reason: "failed to parse [n]", status: 400, errorType: "document_parsing_exception" },
      { kind: "failed", stage: "index", reason: "conflict", status: 409, errorType: "version_conflict_engine_exception" },
    ]);
  });

  it("re-sends transient failures (429, 503) until they succeed", () => {
    const s = new ChunkSettlement([write(idx("a")), write(idx("b"))]);
    expect(send(s, T429, T503)).toBe(2);
    expect(s.lastTransient).toBe("HTTP 503 unavailable_shards_exception: no primary");
    expect(pendingIds(s)).toEqual(["a@0", "b@1"]);
    expect(s.results()[0]).toEqual({ kind: "failed", stage: "index", reason: "not settled" });
    expect(send(s, OK, T429)).toBe(1);
    expect(pendingIds(s)).toEqual(["b@1"]);
    expect(s.lastTransient).toBe("HTTP 429 es_rejected_execution_exception: queue full");
    expect(send(s, OK)).toBe(0);
    expect(s.isComplete()).toBe(true);
    expect(s.results()).toEqual([written(1), written(1)]);
  });

  it("re-sends a transiently failed write and later writes to the same document, and settles the rest", () => {
    const s = new ChunkSettlement([
      write(idx("x", 0)), // ok: settled
      write(idx(undefined, 1)), // ok: settled
      write(idx("y", 2)), // transient: re-sent
      write(idx("z", 3)), // ok, another document: settled
      write(idx(undefined, 4)), // ok, no ID: settled (re-sending would duplicate it)
      write(idx("y", 5)), // ok, but a newer write to y that the retry of y@2 would overtake: re-sent after it
      write(idx("w", 6)), // permanent, another document: failed
      write(idx(undefined, 7)), // permanent, no ID: failed
    ]);
    expect(send(s, OK, OK, T503, OK, OK, OK, P400, P400)).toBe(1);
    expect(pendingIds(s)).toEqual(["y@2", "y@5"]);
    const mid = s.results();
    expect(mid[0]).toEqual(written(1));
    expect(mid[3]).toEqual(written(1));
    expect(mid[4]).toEqual(written(1));
    expect(mid[5]).toEqual({ kind: "failed", stage: "index", reason: "not settled" });
    expect(mid[6]).toMatchObject({ kind: "failed", status: 400 });
    expect(mid[7]).toMatchObject({ kind: "failed", status: 400 });
    expect(send(s, OK, OK)).toBe(0);
    expect(s.isComplete()).toBe(true);
    expect(s.results().map((r) => r.kind)).toEqual(["written", "written", "written", "written", "written", "written", "failed", "failed"]);
  });

  it("treats a result missing from the answer as transient", () => {
    const s = new ChunkSettlement([write(idx("a")), write(idx("b"))]);
    expect(send(s, OK)).toBe(1);
    expect(s.lastTransient).toBe("missing result");
    expect(pendingIds(s)).toEqual(["b@1"]);
  });

  it("settles a message with several actions only when all of them are settled", () => {
    const del: Action = { op: "delete", index: "logs", id: "b" };
    const s = new ChunkSettlement([write(idx("a"), del, idx("c"))]);
    send(s, OK, OK, T429);
    expect(s.results()[0]).toEqual({ kind: "failed", stage: "index", reason: "not settled" });
    send(s, T429);
    expect(s.results()[0]).toEqual({ kind: "failed", stage: "index", reason: "not settled" });
    send(s, OK);
    expect(s.results()).toEqual([written(3)]);
  });

  it("reports the first permanent failure of a message with several failing actions, once all are settled", () => {
    const s = new ChunkSettlement([write(idx("a"), idx("b"), idx("c"))]);
    send(s, P409, OK, P400);
    expect(s.results()).toEqual([{ kind: "failed", stage: "index", reason: "conflict", status: 409, errorType: "version_conflict_engine_exception" }]);

    const t = new ChunkSettlement([write(idx(), idx("b"))]);
    send(t, P400, T503);
    expect(t.results()[0]).toMatchObject({ reason: "not settled" });
    send(t, OK);
    expect(t.results()).toEqual([{ kind: "failed", stage: "index", reason: "failed to parse [n]", status: 400, errorType: "document_parsing_exception" }]);
  });
});

describe("ChunkSettlement properties", () => {
  type Spec = { actions: { id: string | undefined; poison: boolean }[] } | { other: "filtered" | "dropped" | "failed" };
  const actionSpec = fc.record({ id: fc.option(fc.constantFrom("a", "b", "c", "d"), { nil: undefined }), poison: fc.nat({ max: 4 }).map((n) => n === 0) });
  const messageSpec: fc.Arbitrary<Spec> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ actions: fc.array(actionSpec, { minLength: 1, maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ other: fc.constantFrom("filtered" as const, "dropped" as const, "failed" as const) }) },
  );
  /** Per item and attempt: deliver the item's verdict, fail it transiently, or leave it out of the answer. */
  const attemptPlan = fc.array(fc.constantFrom("deliver", "deliver", "transient", "missing"), { maxLength: 300 });

  it("every message ends with one outcome; per document ID the last write is the newest; actions without ID are written at most once", () => {
    fc.assert(
      fc.property(fc.array(messageSpec, { minLength: 1, maxLength: 12 }), attemptPlan, (specs, plan) => {
        // Each action has a fixed verdict (Elasticsearch answers the same for the same write); transients are random.
        let ordinal = 0;
        const verdicts = new Map<Action, { poison: boolean; ordinal: number; message: number }>();
        const processed: Processed[] = specs.map((spec, m) => {
          if ("other" in spec) {
            return spec.other === "failed" ? { kind: "failed", stage: "rule", reason: "x" } : { kind: spec.other, reason: "x" };
          }
          const actions = spec.actions.map((a) => {
            const action = idx(a.id, ordinal);
            verdicts.set(action, { poison: a.poison, ordinal: ordinal++, message: m });
            return action;
          });
          return { kind: "write", actions };
        });

        const s = new ChunkSettlement(processed);
        const writes: { action: Action; ordinal: number }[] = []; // every successful write, in time order
        let step = 0;
        for (let attempt = 0; !s.isComplete(); attempt++) {
          expect(attempt).toBeLessThan(400);
          const sent = s.pending();
          const results: ItemResult[] = [];
          sent.forEach((p, i) => {
            const v = verdicts.get(p.action);
            if (!v) {
              throw new Error("unknown action");
            }
            const choice = attempt > 30 ? "deliver" : (plan[step++] ?? "deliver");
            if (choice === "transient") {
              results[i] = T429;
            } else if (choice === "missing") {
              // a hole in the answer (Elasticsearch did not apply it)
            } else if (v.poison) {
              results[i] = P400;
            } else {
              results[i] = OK;
              writes.push({ action: p.action, ordinal: v.ordinal });
            }
          });
          s.record(sent, results);

          // A message is settled only once none of its actions is pending.
          const pendingMessages = new Set(s.pending().map((p) => p.message));
          s.results().forEach((r, m) => {
            const settled = !(r.kind === "failed" && r.reason === "not settled");
            expect(settled).toBe(!pendingMessages.has(m));
          });
        }

        // Exactly one final outcome per message, consistent with the verdicts.
        const outcomes = s.results();
        expect(outcomes).toHaveLength(specs.length);
        outcomes.forEach((o, m) => {
          const p = processed[m] as Processed;
          if (p.kind !== "write") {
            expect(o).toEqual(p);
            return;
          }
          const poisoned = p.actions.some((a) => verdicts.get(a)?.poison);
          expect(o.kind).toBe(poisoned ? "failed" : "written");
          if (o.kind === "written") {
            expect(o.actions).toBe(p.actions.length);
          } else {
            expect(o).toMatchObject({ stage: "index", status: 400 });
          }
        });

        // Per document ID, the last successful write is the newest (highest offset) action that succeeds.
        const ids = new Set([...verdicts.keys()].flatMap((a) => (a.id === undefined ? [] : [a.id])));
        for (const id of ids) {
          const good = [...verdicts].filter(([a, v]) => a.id === id && !v.poison).map(([, v]) => v.ordinal);
          const forId = writes.filter((w) => w.action.id === id);
          if (good.length === 0) {
            expect(forId).toEqual([]);
          } else {
            expect(forId.at(-1)?.ordinal).toBe(Math.max(...good));
          }
        }

        // Actions without an ID: written exactly once when they succeed, never when poisoned.
        for (const [a, v] of verdicts) {
          if (a.id === undefined) {
            expect(writes.filter((w) => w.action === a)).toHaveLength(v.poison ? 0 : 1);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("what the writes did to documents", () => {
  it("counts created, updated and deleted per message, as Elasticsearch answered, and no effect for a missing delete", () => {
    const del: Action = { op: "delete", index: "logs", id: "gone" };
    const s = new ChunkSettlement([write(idx("a"), idx("b")), write(del), write({ op: "delete", index: "logs", id: "never" })]);
    send(s, OK, { kind: "ok", effect: "updated" }, { kind: "ok", effect: "deleted" }, { kind: "ok", effect: "none" });
    expect(s.results()).toEqual([
      { kind: "written", actions: 2, documents: { created: 1, updated: 1, deleted: 0 } },
      { kind: "written", actions: 1, documents: { created: 0, updated: 0, deleted: 1 } },
      { kind: "written", actions: 1, documents: { created: 0, updated: 0, deleted: 0 } },
    ]);
  });

  it("a write acknowledged and then sent again behind a retried one counts both: each changed the index", () => {
    const s = new ChunkSettlement([write(idx("y", 0)), write(idx("y", 1))]);
    send(s, T503, OK); // y@1 created, but re-sent after y@0
    send(s, OK, { kind: "ok", effect: "updated" });
    expect(s.results()).toEqual([written(1), { kind: "written", actions: 1, documents: { created: 1, updated: 1, deleted: 0 } }]);
  });
});

describe("document size limit", () => {
  it("fails a message whose document is over the limit without sending anything of it", () => {
    const big = "x".repeat(2_000);
    const s = new ChunkSettlement(
      [
        { kind: "write", actions: [{ op: "index", index: "i", id: "small", doc: { a: 1 } }] },
        {
          kind: "write",
          actions: [
            { op: "index", index: "i", id: "ok", doc: { a: 2 } },
            { op: "index", index: "i", id: "big", doc: { big } },
          ],
        },
      ],
      1_024,
    );
    expect(s.pending().map((p) => p.action.id)).toEqual(["small"]);
    s.record(s.pending(), [{ kind: "ok", effect: "created" }]);
    expect(s.results()).toEqual([
      written(1),
      {
        kind: "failed",
        stage: "index",
        errorType: "document_too_large",
        reason: expect.stringContaining("is 2.0 KiB, over the limit of 1.0 KiB (delivery.maxDocumentBytes)"),
      },
    ]);
  });
});

describe("releasing documents", () => {
  it("drops each document once serialised when asked, keeping the exact NDJSON", () => {
    const action: Action = { op: "index", index: "i", id: "a", doc: { big: "x".repeat(100) } };
    const ndjson = actionToNdjson(action);
    const s = new ChunkSettlement([{ kind: "write", actions: [action] }], Number.POSITIVE_INFINITY, true);
    expect(s.pending()[0]?.ndjson).toBe(ndjson);
    expect((action as { doc: unknown }).doc).toBeNull();
    const text = '{"k":10.50}';
    const sourced: Action = { op: "index", index: "i", id: "c", doc: { k: 10.5 }, source: text };
    const released = new ChunkSettlement([{ kind: "write", actions: [sourced] }], Number.POSITIVE_INFINITY, true);
    expect(released.pending()[0]?.ndjson).toBe(`{"index":{"_index":"i","_id":"c"}}\n${text}\n`);
    expect(sourced).toMatchObject({ doc: null, source: undefined });
    const kept: Action = { op: "index", index: "i", id: "b", doc: { k: 1 } };
    new ChunkSettlement([{ kind: "write", actions: [kept] }]);
    expect((kept as { doc: unknown }).doc).toEqual({ k: 1 });
  });
});

describe("ChunkSettlement and a recurring mapping conflict", () => {
  const GEO: ItemResult = {
    kind: "transient",
    status: 400,
    reason: "field [geo.coordinates] mapped as [long] refused a [float] value",
    conflict: { field: "geo.coordinates", mapped: "long", value: "float" },
  };

  it("the geo message fails alone (stage index) once its conflict recurred past the bounds; its neighbours are written", () => {
    const s = new ChunkSettlement([write(idx("a")), write(idx("geo")), write(idx("c"))]);
    s.record(s.pending(), [OK, GEO, OK], 0);
    for (const t of [500, 1_500, 3_500]) {
      expect(pendingIds(s)).toEqual(["geo@1"]);
      expect(s.record(s.pending(), [GEO], t)).toBe(1);
    }
    expect(s.isComplete()).toBe(false);
    expect(s.record(s.pending(), [GEO], 7_500)).toBe(0);
    expect(s.isComplete()).toBe(true);
    const [a, geo, c] = s.results();
    expect(a).toEqual(written(1));
    expect(c).toEqual(written(1));
    expect(geo).toMatchObject({ kind: "failed", stage: "index", status: 400, errorType: "illegal_argument_exception" });
    expect((geo as { reason: string }).reason).toMatch(
      /^field \[geo\.coordinates\]: mapped type \[long\], this document's value \[float\]; refused the same way 5 times over 7\.5 s/,
    );
  });

  it("the race: a conflict that clears on the next send is written", () => {
    const s = new ChunkSettlement([write(idx("a"))]);
    expect(s.record(s.pending(), [GEO], 0)).toBe(1);
    expect(s.record(s.pending(), [OK], 400)).toBe(0);
    expect(s.results()).toEqual([written(1)]);
  });
});
