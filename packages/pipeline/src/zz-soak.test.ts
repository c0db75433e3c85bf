import fc from "fast-check";
import { expect, it } from "vitest";
import { actionToNdjson } from "./bulk";
import { previewMessages } from "./preview";
import { processMessage } from "./process-message";
import { configArb, jsonObjectArb, messageArb, toKafkaMessage } from "./test-arbitraries";
import { message, bytes, T0 } from "./test-fixtures";
import { compileDatePattern } from "./date-format";
import { compileTimeZone } from "./time-zone";
it("soak never throws", () => {
  fc.assert(fc.property(configArb, fc.array(messageArb, {maxLength: 3}), (task, ms) => {
    const rows = previewMessages(task, ms.map(toKafkaMessage), T0);
    ms.forEach((m, i) => { const r = processMessage(task, toKafkaMessage(m), T0); expect(rows[i]?.bulk).toBe(r.kind === "write" ? r.actions.map(actionToNdjson).join("") : ""); });
  }), { numRuns: 30000 });
}, 600000);
it("soak preview objects", () => {
  fc.assert(fc.property(configArb, jsonObjectArb, (task, rec) => {
    const m = message(bytes(JSON.stringify(rec)), { key: "k" });
    const w = processMessage(task, m, T0);
    expect(previewMessages(task, [m], T0)[0]?.bulk).toBe(w.kind === "write" ? w.actions.map(actionToNdjson).join("") : "");
  }), { numRuns: 30000 });
}, 600000);
it("soak dates full range", () => {
  const zones = ["UTC","Asia/Shanghai","America/New_York","Europe/Berlin","Australia/Lord_Howe","Pacific/Apia","Africa/Casablanca","America/St_Johns","Asia/Kathmandu","Europe/Dublin","Antarctica/Troll"];
  fc.assert(fc.property(fc.integer({min: Date.UTC(1, 0, 1), max: Date.UTC(9999, 11, 31)}), fc.constantFrom(...zones), fc.constantFrom("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd HH:mm:ss.SSS"), (ms, zn, src) => {
    const z = (compileTimeZone(zn) as any).zone; const p = (compileDatePattern(src) as any).pattern;
    const t = p.format(ms, z); const b = p.parse(t, z);
    if (!b.ok) throw new Error(t + " " + b.reason);
    if (src.includes("XXX")) expect(b.epochMs).toBe(ms); else expect(p.format(b.epochMs, z)).toBe(t);
  }), { numRuns: 50000 });
}, 600000);
