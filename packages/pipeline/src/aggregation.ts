import type { IssueParams } from "@outflow/schemas/errors";
import type { TaskConfig } from "@outflow/schemas/task-config";
import type { Action, Processed } from "./action";
import { metricNumber, readNumber } from "./aggregation-number";
import { compileWindow, type WindowSpec } from "./aggregation-window";
import type { IssueList } from "./compile-issues";
import { describe } from "./date-format";
import { compileEventTime, type EventTime } from "./event-time";
import { cloneJson, isScalar, scalarText } from "./exact-number";
import { type CompiledPath, compilePath, getPath } from "./field-path";
import type { KafkaMessage } from "./message";
import { compileTimeZone } from "./time-zone";

/**
 * Aggregation mode (`SELECT g AS …, count(*) AS …, sum(x) AS … FROM src GROUP BY g[, TUMBLE(t, …)]` into a keyed
 * sink), without server-side scripts: the worker reads each group's document, adds the new messages and writes it
 * back with optimistic concurrency. Each document remembers, per source partition, the last offset it counted
 * (`outflow_offsets`), so a replay after a restart counts nothing twice; what a value alone cannot be folded from
 * (avg's sum and count, first/last's event time) is kept in `outflow_state`.
 */
type AggregationConfig = NonNullable<TaskConfig["sink"]["aggregation"]>;
type Fn = "count" | "sum" | "min" | "max" | "avg" | "first" | "last";

export type MetricSpec = { fn: Fn; name: string; path?: CompiledPath; by?: EventTime };

export type AggregationSpec = {
  groups: { path: CompiledPath; name: string }[];
  metrics: MetricSpec[];
  window?: WindowSpec;
  writeMode: "full" | "incremental";
  /** Every field the aggregate writes; in full mode the document holds only these. */
  ownFields: string[];
};

/** What one record adds to one group: its values per metric name (first/last by event time also their times). */
export type Contribution = {
  group: Record<string, unknown>;
  window?: Record<string, string>;
  values: Record<string, unknown>;
  times?: Record<string, number>;
};

/** What may already hold an output name, as the message names it. */
const NAME_OWNERS = {
  windowStart: "the window start",
  windowEnd: "the window end",
  rowCount: 'the row count (add {"fn": "count", "as": …} to name it otherwise)',
  groupField: "a group field",
  metric: "another metric",
} as const;
type NameOwner = keyof typeof NAME_OWNERS;

export const OFFSETS_FIELD = "outflow_offsets";
export const STATE_FIELD = "outflow_state";
const ROW_COUNT = "count";

export function compileAggregation(
  agg: AggregationConfig,
  writeMode: AggregationSpec["writeMode"],
  issues: IssueList,
  at: string,
): AggregationSpec | undefined {
  let ok = true;
  const fail = (field: string, message: string, key?: string, params?: IssueParams) => {
    issues.add(field, message, key, params);
    ok = false;
  };
  const names = new Map<string, NameOwner>();
  const claim = (name: string, owner: NameOwner, field: string) => {
    const taken = names.get(name);
    if (taken) {
      fail(field, `"${name}" is already used by ${NAME_OWNERS[taken]}`, "compile.aggregation.nameTaken", { name, owner: taken });
    } else {
      names.set(name, owner);
    }
  };
  const path = (source: string, field: string) => {
    const p = compilePath(source);
    if (!p.ok) {
      fail(field, p.reason, p.key, p.params);
      return undefined;
    }
    return p.path;
  };
  /** The default output name: the path's last field name. */
  const lastName = (p: CompiledPath, field: string) => {
    const last = p.segments.at(-1);
    if (typeof last !== "string") {
      fail(field, "must end in a field name (or give the output a name with as)", "compile.aggregation.endInName");
      return undefined;
    }
    return last;
  };

  const window = agg.window ? compileWindow(agg.window, issues, `${at}.window`) : undefined;
  if (agg.window && !window) {
    ok = false;
  }
  if (agg.window) {
    claim(agg.window.startAs, "windowStart", `${at}.window.startAs`);
    claim(agg.window.endAs, "windowEnd", `${at}.window.endAs`);
  }

  const metrics: MetricSpec[] = [];
  const countsRows = agg.metrics.some((m) => m.fn === "count" && m.field === undefined && m.ops === undefined);
  if (!countsRows) {
    // As before named outputs: a row count is always kept, as `count` unless a count metric names it.
    claim(ROW_COUNT, "rowCount", `${at}.metrics`);
    metrics.push({ fn: "count", name: ROW_COUNT });
  }
  const groups: AggregationSpec["groups"] = [];
  agg.groupBy.forEach((g, i) => {
    const field = typeof g === "string" ? `${at}.groupBy.${i}` : `${at}.groupBy.${i}.field`;
    const p = path(typeof g === "string" ? g : g.field, field);
    const name = p && (typeof g === "string" ? lastName(p, field) : g.as);
    if (p && name) {
      claim(name, "groupField", typeof g === "string" ? field : `${at}.groupBy.${i}.as`);
      groups.push({ path: p, name });
    }
  });

  agg.metrics.forEach((m, i) => {
    const at_ = `${at}.metrics.${i}`;
    if (m.ops) {
      if (m.fn || m.as || m.by) {
        fail(`${at_}.ops`, "Give either fn (one function, named with as) or ops (the older form), not both", "compile.aggregation.fnOrOps");
        return;
      }
      if (m.field === undefined) {
        fail(`${at_}.field`, "ops needs a field", "compile.aggregation.opsField");
        return;
      }
      const p = path(m.field, `${at_}.field`);
      const last = p && lastName(p, `${at_}.field`);
      for (const op of new Set(m.ops)) {
        if (p && last) {
          claim(`${last}_${op}`, "metric", `${at_}.field`);
          metrics.push({ fn: op, name: `${last}_${op}`, path: p });
        }
      }
      return;
    }
    if (!m.fn) {
      fail(`${at_}.fn`, "Choose a function: count, sum, min, max, avg, first or last", "compile.aggregation.chooseFunction");
      return;
    }
    if (m.by && m.fn !== "first" && m.fn !== "last") {
      fail(`${at_}.by`, "by orders first and last only", "compile.aggregation.byFirstLast");
      return;
    }
    if (m.field === undefined) {
      if (m.fn !== "count") {
        fail(`${at_}.field`, `${m.fn} needs a field`, "compile.aggregation.fnField", { fn: m.fn });
        return;
      }
      const name = m.as ?? ROW_COUNT;
      claim(name, "metric", m.as ? `${at_}.as` : at_);
      metrics.push({ fn: "count", name });
      return;
    }
    const p = path(m.field, `${at_}.field`);
    const name = p && (m.as ?? (lastName(p, `${at_}.field`) ? `${String(p.segments.at(-1))}_${m.fn}` : undefined));
    if (!p || !name) {
      return;
    }
    claim(name, "metric", m.as ? `${at_}.as` : `${at_}.field`);
    let by: EventTime | undefined;
    if (m.by) {
      const zone = compileTimeZone(m.by.timeZone);
      if (!zone.ok) {
        fail(`${at_}.by.timeZone`, zone.reason, zone.key, zone.params);
        return;
      }
      by = compileEventTime({ type: "field", field: m.by.field, format: m.by.format }, zone.zone, issues, `${at_}.by`);
      if (!by) {
        ok = false;
        return;
      }
    }
    metrics.push({ fn: m.fn, name, path: p, ...(by ? { by } : {}) });
  });
  if (!ok) {
    return undefined;
  }
  // In the order the documents show them.
  const windowNames = agg.window ? [agg.window.startAs, agg.window.endAs] : [];
  const ownFields = [...groups.map((g) => g.name), ...windowNames, ...metrics.map((m) => m.name), STATE_FIELD, OFFSETS_FIELD];
  return { groups, metrics, writeMode, ownFields, ...(window ? { window } : {}) };
}

export type ContributionResult = { ok: true; id: string; contribution: Contribution; windowStartMs?: number } | { ok: false; reason: string };

/** The group key (and window) and the metric values of one record; a value a function cannot take is a failure. */
export function contributionOf(spec: AggregationSpec, record: unknown, message: KafkaMessage): ContributionResult {
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
  const values: Record<string, unknown> = {};
  let times: Record<string, number> | undefined;
  for (const m of spec.metrics) {
    if (!m.path) {
      continue;
    }
    const v = getPath(record, m.path);
    if (v === undefined || v === null) {
      continue;
    }
    switch (m.fn) {
      case "count":
        values[m.name] = 1;
        break;
      case "first":
      case "last": {
        if (m.by) {
          const t = m.by(record, message);
          if (!t.ok) {
            if (t.missing) {
              continue;
            }
            return { ok: false, reason: `${m.fn} (${m.name}): ${t.reason}` };
          }
          times ??= {};
          times[m.name] = t.epochMs;
        }
        values[m.name] = cloneJson(v);
        break;
      }
      default: {
        const n = metricNumber(v, m.path.source);
        if (!n.ok) {
          return { ok: false, reason: n.reason };
        }
        values[m.name] = n.value;
      }
    }
  }
  const contribution: Contribution = { group, values, ...(times ? { times } : {}) };
  if (!spec.window) {
    return { ok: true, id: key.join("_"), contribution };
  }
  const t = spec.window.time(record, message);
  if (!t.ok) {
    return { ok: false, reason: `window time: ${t.reason}` };
  }
  const w = spec.window.windowOf(t.epochMs);
  contribution.window = { [spec.window.startAs]: w.start, [spec.window.endAs]: w.end };
  key.push(w.start);
  return { ok: true, id: key.join("_"), contribution, windowStartMs: w.startMs };
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

/** The inputs of planAggregation for the chunk's messages at `pending` (processed[i] came from offsets[i]). */
export function aggregationInputs(processed: Processed[], pending: number[], partitionKey: string, offsets: string[]): AggregationInput[] {
  return pending.map((i) => {
    const p = processed[i];
    return {
      message: i,
      partitionKey,
      offset: offsets[i] as string,
      contributions:
        p?.kind === "write" ? p.actions.flatMap((a) => (a.op === "aggregate" ? [{ index: a.index, id: a.id, contribution: a.contribution }] : [])) : [],
    };
  });
}

/**
 * Folds the chunk's contributions into each group's current document; skips what the document already counted.
 * A new document is created only if still absent; an existing one is written back only if unchanged since it was
 * read (full: replaced by the aggregate's fields; incremental: only those fields updated).
 */
export function planAggregation(spec: AggregationSpec, inputs: AggregationInput[], current: Map<string, CurrentDoc>): AggregationWrite[] {
  type Acc = { index: string; id: string; doc: Record<string, unknown>; offsets: Map<string, string>; messages: Set<number>; base: CurrentDoc };
  const accs = new Map<string, Acc>();
  for (const input of inputs) {
    for (const c of input.contributions) {
      const key = docKey(c.index, c.id);
      let acc = accs.get(key);
      if (!acc) {
        const base = current.get(key) ?? { found: false };
        const doc = { ...initialDoc(spec), ...(base.found ? ownPart(spec, base.source) : {}) };
        Object.assign(doc, c.contribution.group, c.contribution.window);
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
    const { index, id, base } = acc;
    const doc = ownPart(spec, acc.doc, false);
    const action: Action = !base.found
      ? { op: "create", index, id, doc }
      : spec.writeMode === "incremental"
        ? { op: "update", index, id, doc, ifSeqNo: base.seqNo, ifPrimaryTerm: base.primaryTerm }
        : { op: "index", index, id, doc, ifSeqNo: base.seqNo, ifPrimaryTerm: base.primaryTerm };
    writes.push({ action, messages: [...acc.messages] });
  }
  return writes;
}

function initialDoc(spec: AggregationSpec): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const m of spec.metrics) {
    if (m.fn === "count") {
      doc[m.name] = 0;
    }
  }
  return doc;
}

/** The aggregate's own fields of a document, in their order (copied from a stored one: a plan may be redone). */
function ownPart(spec: AggregationSpec, source: Record<string, unknown>, copy = true): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const f of spec.ownFields) {
    if (Object.hasOwn(source, f)) {
      doc[f] = copy ? cloneJson(source[f]) : source[f];
    }
  }
  return doc;
}

type AvgState = { sum: number; count: number };
type TimeState = { at: number };

function apply(spec: AggregationSpec, doc: Record<string, unknown>, c: Contribution): void {
  const state = () => {
    const s = doc[STATE_FIELD];
    if (s && typeof s === "object" && !Array.isArray(s)) {
      return s as Record<string, unknown>;
    }
    const fresh: Record<string, unknown> = {};
    doc[STATE_FIELD] = fresh;
    return fresh;
  };
  for (const m of spec.metrics) {
    const name = m.name;
    if (m.fn === "count") {
      if (!m.path || c.values[name] !== undefined) {
        doc[name] = (readNumber(doc[name]) ?? 0) + 1;
      }
      continue;
    }
    if (!Object.hasOwn(c.values, name)) {
      continue;
    }
    const v = c.values[name];
    const prev = readNumber(doc[name]);
    switch (m.fn) {
      case "sum":
        doc[name] = (prev ?? 0) + (v as number);
        break;
      case "min":
        doc[name] = prev === undefined ? v : Math.min(prev, v as number);
        break;
      case "max":
        doc[name] = prev === undefined ? v : Math.max(prev, v as number);
        break;
      case "avg": {
        const s = readAvg(state()[name]);
        const next = { sum: s.sum + (v as number), count: s.count + 1 };
        state()[name] = next;
        doc[name] = next.sum / next.count;
        break;
      }
      default: {
        // first / last: by arrival (offset order per partition), or by event time (ties keep the earlier arrival
        // for first and take the later one for last).
        const at = c.times?.[name];
        const has = Object.hasOwn(doc, name);
        if (at === undefined) {
          if (m.fn === "last" || !has) {
            doc[name] = v;
          }
          continue;
        }
        const prevAt = readTime(state()[name]);
        const replace = !has || prevAt === undefined || (m.fn === "first" ? at < prevAt : at >= prevAt);
        if (replace) {
          doc[name] = v;
          state()[name] = { at } satisfies TimeState;
        }
      }
    }
  }
}

function readAvg(s: unknown): AvgState {
  const o = s && typeof s === "object" ? (s as Record<string, unknown>) : {};
  return { sum: readNumber(o.sum) ?? 0, count: readNumber(o.count) ?? 0 };
}

function readTime(s: unknown): number | undefined {
  return s && typeof s === "object" ? readNumber((s as Record<string, unknown>).at) : undefined;
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
