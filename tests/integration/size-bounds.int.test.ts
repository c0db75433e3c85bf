import { readFileSync } from "node:fs";
import { previewMessages, safeCompileTask, wireToMessage } from "@outflow/pipeline";
import { MAX_PREVIEW_VALUE_CHARS } from "@outflow/schemas/api/preview";
import { MAX_RESET_OFFSETS } from "@outflow/schemas/api/tasks";
import type { ApiClient } from "@outflow/testing/api-client";
import { createTopic, produce } from "@outflow/testing/kafka";
import { Outflow } from "@outflow/testing/outflow";
import { uniqueName } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** How much one bounded request may grow the web process's peak RSS (VmHWM), and the RSS it may reach. */
const PEAK_GROWTH_MIB = 160;
const MAX_RSS_MIB = 900;
/** How long /api/health may take while a preview computes (it answered in ~5 ms here; the old in-request preview held it for seconds). */
const HEALTH_MAX_MS = 1_000;
/**
 * The stack's preview budget, set from what one slow step costs on this machine (`stepMs`): half of what the step
 * takes past the thread's 250 ms grace, between 500 and 2,000 ms, so that the step always outlives budget and grace,
 * on a fast machine too.
 */
function budgetFor(stepMs: number): number {
  return Math.round(Math.min(2_000, Math.max(500, (stepMs - 250) / 2)));
}
const THREADS = 1;
const QUEUE = 4 * THREADS;

type Mem = { rss: number; hwm: number };

/** VmRSS and VmHWM (peak) of a process, in MiB. */
function memOf(pid: number): Mem {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: kib("VmRSS") / 1024, hwm: kib("VmHWM") / 1024 };
}

const mib = (n: number) => n.toFixed(0);

/** A regex no prefilter can skip: on 65,000 characters one replace of it takes seconds (1.6-1.7 s on 2026-12-02's machine, 6.5 s on an earlier one), one step. */
const SLOW_PATTERN = "(?:[a-y]{1,40}){1,40}[z0-9]";
const SLOW_VALUE = JSON.stringify({ s: "abcd".repeat(16_250) });
const SLOW_RULE = { type: "replace", field: "$.s", pattern: SLOW_PATTERN, replacement: "", regex: true };

function slowStepMs(): number {
  const compiled = safeCompileTask({ source: { connectionId: "k", topics: ["t"] }, rules: [SLOW_RULE], sink: { connectionId: "e", index: "i" } });
  if (!compiled.ok) {
    throw new Error(JSON.stringify(compiled.issues));
  }
  const now = Date.now();
  const t = performance.now();
  previewMessages(
    compiled.task,
    [wireToMessage({ topic: "t", partition: 0, offset: "0", key: null, value: SLOW_VALUE, valueEncoding: "utf8", headers: {} }, now)],
    now,
  );
  return performance.now() - t;
}

/**
 * Every size bound of the API on the built console, with the web process's memory before and after (issue 20: one
 * 1 MB preview had grown it by 466 MB and held /api/health for 2.8 s), and the preview's thread pool: a hostile
 * preview is cut at its budget while the request thread keeps answering, and a flood of them is refused.
 */
describe("size bounds", () => {
  let stack: Stack;
  let api: ApiClient;
  let outflow: Outflow;
  /** What one step of the slow preview costs unbounded, in this process (the same pipeline), measured before any socket is open. */
  let stepMs = 0;
  let budgetMs = 0;

  beforeAll(async () => {
    stepMs = slowStepMs();
    budgetMs = budgetFor(stepMs);
    stack = await Stack.start({
      workers: 0,
      env: { OUTFLOW_PREVIEW_THREADS: String(THREADS), OUTFLOW_PREVIEW_BUDGET_MS: String(budgetMs) },
    });
    api = stack.api;
    outflow = await Outflow.connect(api);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Runs `fn`, prints the web process's RSS and peak before and after, and holds them to the bounds above. */
  async function withinMemory<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const before = memOf(stack.webPid);
    const out = await fn();
    const after = memOf(stack.webPid);
    console.log(`[size bounds] ${label}: web RSS ${mib(before.rss)} → ${mib(after.rss)} MiB, peak ${mib(before.hwm)} → ${mib(after.hwm)} MiB`);
    expect(after.hwm - before.hwm, `${label}: peak RSS growth (MiB)`).toBeLessThan(PEAK_GROWTH_MIB);
    expect(after.rss, `${label}: RSS (MiB)`).toBeLessThan(MAX_RSS_MIB);
    return out;
  }

  const config = (rules: unknown[] = [], parse?: unknown) => ({
    source: { connectionId: outflow.kafkaId, topics: [uniqueName("sb-unused")] },
    ...(parse ? { parse } : {}),
    rules,
    sink: { connectionId: outflow.esId, index: "size-bounds" },
  });
  const msg = (value: string) => ({ value });

  async function raw(
    method: string,
    path: string,
    body: string,
  ): Promise<{ status: number; body: { error?: { code: string; message: string; field?: string } } }> {
    const res = await api.send(method, path, { body, headers: { "content-type": "application/json" } });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  }

  it("the body limit: a 60 MB body is refused with 413 after the first MiB", async () => {
    const huge = `{"config":{},"messages":[{"value":"${"x".repeat(60 * 1024 * 1024)}"}]}`;
    const r = await withinMemory("60 MB body", () => raw("POST", "/api/preview", huge));
    expect(r.status).toBe(413);
    expect(r.body.error?.code).toBe("payload_too_large");
  });

  it("preview messages: at most 50, each value at most 256 Ki characters", async () => {
    const many = await withinMemory("51 preview messages", () =>
      api.expectError("POST", "/api/preview", { config: config(), messages: Array.from({ length: 51 }, () => msg("{}")) }),
    );
    expect([many.status, many.body.error?.field]).toEqual([422, "messages"]);
    const big = await withinMemory("a preview value over 256 Ki characters", () =>
      api.expectError("POST", "/api/preview", { config: config(), messages: [msg("x".repeat(MAX_PREVIEW_VALUE_CHARS + 1))] }),
    );
    expect([big.status, big.body.error?.field]).toEqual([422, "messages.0.value"]);
  });

  it("the preview's output: a preview that would answer over 16 Mi characters is refused", async () => {
    const rules = Array.from({ length: 100 }, (_, i) => ({ type: "add", field: `$.f${i}`, value: i }));
    const err = await withinMemory("preview output over 16 Mi characters", () =>
      api.expectError("POST", "/api/preview", { config: config(rules), messages: [msg(JSON.stringify({ big: "x".repeat(200_000) }))] }),
    );
    expect(err.status).toBe(422);
    expect(err.body.error?.message).toContain("the preview's output is over 16777216 characters");
  });

  it("array indexes in paths: add $.arr[3000000] is refused naming the field; [10000] is the largest", async () => {
    const err = await withinMemory("add $.arr[3000000]", () =>
      api.expectError("POST", "/api/preview", { config: config([{ type: "add", field: "$.arr[3000000]", value: 1 }]), messages: [msg("{}")] }),
    );
    expect([err.status, err.body.error?.field]).toEqual([422, "config.rules.0.field"]);
    expect(err.body.error?.message).toContain("over 10000");
    const ok = await withinMemory("add $.arr[10000]", () =>
      api.post<{ rows: { bulk: string }[] }>("/api/preview", { config: config([{ type: "add", field: "$.arr[10000]", value: 1 }]), messages: [msg("{}")] }),
    );
    expect(ok.rows[0]?.bulk.length).toBeGreaterThan(10_000);
  });

  it("json_array: 100,000 elements fail the message at parse (over 10,000 documents), not the request", async () => {
    const r = await withinMemory("json_array of 100,000 elements", () =>
      api.post<{ rows: { result: { kind: string; stage?: string; reason?: string } }[] }>("/api/preview", {
        config: config([], { format: { type: "json_array" } }),
        messages: [msg(`[${Array.from({ length: 100_000 }, () => "0").join(",")}]`)],
      }),
    );
    expect(r.rows[0]?.result).toMatchObject({ kind: "failed", stage: "parse" });
    expect(r.rows[0]?.result.reason).toContain("JSON array has 100000 elements, more than 10000 documents per message");
  });

  it("a sampled message over the preview's value limit (a 300,000-element array from Kafka) is refused naming it", async () => {
    const topic = uniqueName("sb-array");
    await createTopic(topic, 1);
    await produce(topic, [{ value: `[${Array.from({ length: 300_000 }, () => "0").join(",")}]` }]);
    const err = await withinMemory("a sampled 600 kB message", () =>
      api.expectError("POST", "/api/preview", {
        config: { ...config([], { format: { type: "json_array" } }), source: { connectionId: outflow.kafkaId, topics: [topic] } },
        limit: 1,
      }),
    );
    expect([err.status, err.body.error?.field]).toEqual([422, "messages"]);
    expect(err.body.error?.message).toContain(`The sampled message ${topic}/0 at offset 0 has 600001 characters`);
    // The sample list says the same (its answer holds messages up to that size), not a schema error.
    const sample = await api.expectError("GET", `/api/connections/${outflow.kafkaId}/sample?topics=${topic}&limit=1`);
    expect(sample.status).toBe(422);
    expect(sample.body.error?.message).toContain(`The sampled message ${topic}/0 at offset 0 has 600001 characters`);
  });

  it("reset-offsets: at most 1000 offsets, and the task stays small", async () => {
    const topic = uniqueName("sb-reset");
    const task = await outflow.createTask(outflow.config({ topics: [topic], index: uniqueName("sb-reset-i") }));
    const offsets = (n: number) => Array.from({ length: n }, (_, i) => ({ topic, partition: i, offset: "0" }));
    const err = await withinMemory(`reset-offsets with ${MAX_RESET_OFFSETS + 1} offsets`, () =>
      api.expectError("POST", `/api/tasks/${task.id}/reset-offsets`, { type: "offsets", offsets: offsets(MAX_RESET_OFFSETS + 1) }),
    );
    expect([err.status, err.body.error?.field]).toEqual([422, "offsets"]);
    await withinMemory(`reset-offsets with ${MAX_RESET_OFFSETS} offsets`, () =>
      api.post(`/api/tasks/${task.id}/reset-offsets`, { type: "offsets", offsets: offsets(MAX_RESET_OFFSETS) }),
    );
    const listed = await (await api.send("GET", "/api/tasks")).text();
    console.log(`[size bounds] GET /api/tasks with a pending reset of ${MAX_RESET_OFFSETS} offsets: ${listed.length} characters`);
    expect(listed.length).toBeLessThan(200_000);
  });

  /** Polls /api/health one request after the other until `done` settles; the latencies, in ms. */
  async function healthWhile(done: Promise<unknown>): Promise<number[]> {
    let settled = false;
    void done.finally(() => {
      settled = true;
    });
    const took: number[] = [];
    while (!settled) {
      const t = performance.now();
      const res = await fetch(`${stack.baseUrl}/api/health`);
      await res.text();
      expect(res.status).toBe(200);
      took.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    return took;
  }

  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? Number.NaN;

  it("a preview that would run for hours is cut at its budget (422 naming it) while /api/health keeps answering", async () => {
    const rules = Array.from({ length: 100 }, () => SLOW_RULE);
    const messages = Array.from({ length: 14 }, () => msg(SLOW_VALUE));
    const body = { config: config(rules), messages };
    expect(stepMs, "one step of this preview takes longer than the whole budget").toBeGreaterThan(budgetMs + 250);

    const t = performance.now();
    const answer = api.expectError("POST", "/api/preview", body);
    const health = await withinMemory("a preview cut at its budget", () => healthWhile(answer));
    const err = await answer;
    const tookMs = performance.now() - t;
    console.log(
      `[size bounds] slow preview (${JSON.stringify(body).length} characters, ${messages.length} messages × ${rules.length} rules; one step unbounded: ${mib(stepMs)} ms, the whole ≈ ${mib((stepMs * messages.length * rules.length) / 60_000)} min): ` +
        `${err.status} after ${mib(tookMs)} ms; /api/health meanwhile: ${health.length} answers, p50 ${pct(health, 50).toFixed(1)} ms, p95 ${pct(health, 95).toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms`,
    );
    expect(err.status).toBe(422);
    expect(err.body.error?.field).toBe("messages");
    expect(err.body.error?.message).toContain(`the preview ran over its time budget of ${budgetMs} ms (OUTFLOW_PREVIEW_BUDGET_MS)`);
    // Cut in the middle of its first step (the thread was ended), not after it.
    expect(tookMs).toBeLessThan(stepMs);
    expect(health.length).toBeGreaterThan(10);
    expect(Math.max(...health)).toBeLessThan(HEALTH_MAX_MS);

    // The pool goes on: an ordinary preview right after (in a new thread), and again (in the same one).
    for (const thread of ["a new thread", "the same thread"]) {
      const t1 = performance.now();
      const ok = await api.post<{ rows: unknown[] }>("/api/preview", { config: config(), messages: [msg('{"a":1}')] });
      console.log(`[size bounds] an ordinary preview in ${thread}: ${(performance.now() - t1).toFixed(0)} ms`);
      expect(ok.rows).toHaveLength(1);
    }
  });

  it(`a flood of previews: ${THREADS} thread(s) and ${QUEUE} waiting, the rest refused at once with 429`, async () => {
    // 20 slow steps each: over the budget on any machine, whether a step or the steps between checks outlive it.
    const body = { config: config(Array.from({ length: 20 }, () => SLOW_RULE)), messages: [msg(SLOW_VALUE)] };
    const flood = THREADS + QUEUE + 3;
    const t = performance.now();
    const all = Promise.all(
      Array.from({ length: flood }, async () => {
        const err = await api.expectError("POST", "/api/preview", body);
        return { status: err.status, code: err.body.error?.code, message: err.body.error?.message ?? "", ms: performance.now() - t };
      }),
    );
    const health = await withinMemory(`${flood} slow previews at once`, () => healthWhile(all));
    const answers = await all;
    const refused = answers.filter((a) => a.status === 429);
    const cut = answers.filter((a) => a.status === 422);
    console.log(
      `[size bounds] flood of ${flood} slow previews: ${cut.length} cut at the budget (last after ${mib(Math.max(...cut.map((a) => a.ms)))} ms), ` +
        `${refused.length} refused (within ${mib(Math.max(...refused.map((a) => a.ms)))} ms); /api/health meanwhile: p50 ${pct(health, 50).toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms`,
    );
    expect(cut.length).toBe(THREADS + QUEUE);
    expect(refused.length).toBe(flood - THREADS - QUEUE);
    expect(refused[0]?.code).toBe("too_many_requests");
    expect(refused[0]?.message).toContain("OUTFLOW_PREVIEW_THREADS");
    // "At once": every refusal came before the first preview was cut at its budget.
    expect(Math.max(...refused.map((a) => a.ms))).toBeLessThan(Math.min(...cut.map((a) => a.ms)));
    expect(Math.max(...health)).toBeLessThan(HEALTH_MAX_MS);
  });
});
