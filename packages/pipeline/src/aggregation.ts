import type { TaskConfig } from "@outflow/schemas/task-config";
import type { Action } from "./action";
import type { IssueList } from "./compile-issues";
import { describe } from "./date-format";
import { isJsonNumber, isScalar, numberFromText, scalarText, toDouble } from "./exact-number";
import { type CompiledPath, compilePath, getPath } from "./field-path";

/**
 * Aggregation mode (`SELECT g, count(*), sum(x), min(x), max(x) … GROUP BY g` into a keyed sink), without
 * server-side scripts: the worker reads each group's document, adds the new messages and writes it back with
 * optimistic concurrency. Each document remembers, per source partition, the last offset it counted
 * (`outflow_offsets`), so a replay after a restart counts nothing twice.
 */
export type AggregationSpec = {
  groups: { path: CompiledPath; name: string }[];
  metrics: { path: CompiledPath; name: string; ops: ("sum" | "min" | "max")[] }[];
};

/** What one record adds to one group. */
export type Contribution = { group: Record<string, unknown>; values: Record<string, number> };

export const OFFSETS_FIELD = "outflow_offsets";

export function compileAggregation(agg: NonNullable<TaskConfig["sink"]["aggregation"]>, issues: IssueList, at: string): AggregationSpec | undefined {
  const names = new Set<string>(["count", OFFSETS_FIELD]);
  const named = (source: string, field: string) => {
    const p = compilePath(source);
    if (!p.ok) {
      issues.add(field, p.reason);
      return undefined;
    }
    const last = p.path.segments.at(-1);
    const name = String(last);
    if (typeof last !== "string" || names.has(name)) {
      issues.add(field, typeof last !== "string" ? "must end in a field name" : `"${name}" is already used by another group field or by count`);
      return undefined;
    }
    names.add(name);
    return { path: p.path, name };
  };
  const groups = agg.groupBy.map((g, i) => named(g, `${at}.groupBy.${i}`));
  const metrics = agg.metrics.map((m, i) => {
    const n = named(m.field, `${at}.metrics.${i}.field`);
    return n ? { ...n, ops: [...new Set(m.ops)] } : undefined;
  });
  if (groups.some((g) => !g) || metrics.some((m) => !m)) {
    return undefined;
  }
  return { groups: groups as AggregationSpec["groups"], metrics: metrics as AggregationSpec["metrics"] };
}

/** The group key and the metric values of one record; a non-numeric metric value is a failure. */
export function contributionOf(spec: AggregationSpec, record: unknown): { ok: true; id: string; contribution: Contribution } | { ok: false; reason: string } {
  const group: Record<string, unknown> = {};
  const key: string[] = [];
  for (const g of spec.groups) {
    const v = getPath(record, g.path);
    if (!isScalar(v)) {
      return { ok: false, reason: `group field ${g.path.source} is ${v === undefined ? "missing" : describe(v)}` };
    }
    group[g.name] = v;
    key.push(scalarText(v));
  }
  const values: Record<string, number> = {};
  for (const m of spec.metrics) {
    const v = getPath(record, m.path);
    if (v === undefined || v === null) {
      continue;
    }
    const num = isJsonNumber(v) ? v : typeof v === "string" ? numberFromText(v) : null;
    if (num === null || (typeof num === "number" && !Number.isFinite(num))) {
      return { ok: false, reason: `metric field ${m.path.source} is ${describe(v)}, not a number` };
    }
    // Sums, minima and maxima are computed in doubles: a value a double cannot hold exactly fails the message.
    const n = toDouble(num);
    if (!n.ok) {
      return { ok: false, reason: `metric field ${m.path.source}: ${n.reason}` };
    }
    values[m.name] = n.value;
  }
  return { ok: true, id: key.join("_"), contribution: { group, values } };
}

/** A group document as read back from Elasticsearch. */
export type CurrentDoc = { found: false } | { found: true; source: Record<string, unknown>; seqNo: number; primaryTerm: number };

/** One message's contributions, in the chunk's (offset) order. */
export type AggregationInput = {
  message: number;
  partitionKey: string;
  offset: string;
  contributions: { index: string; id: string; contribution: Contribution }[];
};

/** A document write and the messages it settles. */
export type AggregationWrite = { action: Action; messages: number[] };

export function docKey(index: string, id: string): string {
  return `${index}\u0000${id}`;
}

/** Folds the chunk's contributions into each group's current document; skips what the document already counted. */
export function planAggregation(spec: AggregationSpec, inputs: AggregationInput[], current: Map<string, CurrentDoc>): AggregationWrite[] {
  type Acc = { index: string; id: string; doc: Record<string, unknown>; offsets: Map<string, string>; messages: Set<number>; base: CurrentDoc };
  const accs = new Map<string, Acc>();
  for (const input of inputs) {
    for (const c of input.contributions) {
      const key = docKey(c.index, c.id);
      let acc = accs.get(key);
      if (!acc) {
        const base = current.get(key) ?? { found: false };
        // The group's values come from the message (exact), not from the document read back (its numbers are doubles).
        const doc = base.found ? { ...structuredClone(base.source), ...c.contribution.group } : { ...c.contribution.group, count: 0 };
        acc = { index: c.index, id: c.id, doc, offsets: readOffsets(doc), messages: new Set(), base };
        accs.set(key, acc);
      }
      const seen = acc.offsets.get(input.partitionKey);
      if (seen !== undefined && BigInt(input.offset) <= BigInt(seen)) {
        continue;
      }
      apply(spec, acc.doc, c.contribution);
      acc.offsets.set(input.partitionKey, input.offset);
      acc.messages.add(input.message);
    }
  }
  const writes: AggregationWrite[] = [];
  for (const acc of accs.values()) {
    if (acc.messages.size === 0) {
      continue;
    }
    acc.doc[OFFSETS_FIELD] = [...acc.offsets].map(([partition, offset]) => ({ partition, offset }));
    const action: Action = acc.base.found
      ? { op: "index", index: acc.index, id: acc.id, doc: acc.doc, ifSeqNo: acc.base.seqNo, ifPrimaryTerm: acc.base.primaryTerm }
      : { op: "create", index: acc.index, id: acc.id, doc: acc.doc };
    writes.push({ action, messages: [...acc.messages] });
  }
  return writes;
}

function apply(spec: AggregationSpec, doc: Record<string, unknown>, c: Contribution): void {
  doc.count = (typeof doc.count === "number" ? doc.count : 0) + 1;
  for (const m of spec.metrics) {
    const v = c.values[m.name];
    if (v === undefined) {
      continue;
    }
    for (const op of m.ops) {
      const field = `${m.name}_${op}`;
      const prev = doc[field];
      const p = typeof prev === "number" ? prev : undefined;
      doc[field] = op === "sum" ? (p ?? 0) + v : p === undefined ? v : op === "min" ? Math.min(p, v) : Math.max(p, v);
    }
  }
}

function readOffsets(doc: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const list = doc[OFFSETS_FIELD];
  if (Array.isArray(list)) {
    for (const e of list) {
      if (e && typeof e === "object" && typeof e.partition === "string" && typeof e.offset === "string") {
        out.set(e.partition, e.offset);
      }
    }
  }
  return out;
}
