import type { BulkResponseItem } from "./bulk-result";
import { classifyItem } from "./bulk-result";
import type { DryRunMessage, DryRunWrite } from "./dry-run";
import type { Stage } from "./message";

export type DryRunAt = { topic: string; partition: number; offset: string };
export type DryRunOutcome = "filtered" | "dropped" | "failed" | "not_tried";
export type DryRunGroup = { outcome: DryRunOutcome; stage: Stage | null; reason: string; count: number; examples: DryRunAt[] };
/** A document the index's mapping refused: the field, how the index maps it, and the message's value. */
export type MappingRejection = { index: string; field: string; type: string; errorType: string; count: number; examples: (DryRunAt & { value: string })[] };
export type DryRunCounts = { read: number; wouldWrite: number; filtered: number; dropped: number; failed: number; notTried: number };
export type DryRunTallied = DryRunCounts & { groups: DryRunGroup[]; groupsLeftOut: number; mappingRejections: MappingRejection[] };

/** What one write of a message met in the throw-away index. */
export type WriteAnswer = { write: DryRunWrite; item: BulkResponseItem | undefined };

// A reason quotes values between U+2068 and U+2069 (reason-values.ts); the report is for editors: the plain text.
const MARKS = /[\u2068\u2069]/g;
const VALUE_CHARS = 120;

/**
 * A mapping's refusal of a document, from the item's error: the field and its mapped type, and the value the
 * message had there (from the document itself, else from the server's preview of it); null for any other error.
 * The words are the same on Elasticsearch 7.10–9.x and OpenSearch 1–3 (8.x puts `[line:col] ` in front).
 */
export function mappingRejection(errorType: string, reason: string, docLine?: string): { field: string; type: string; value: string } | null {
  let m = /failed to parse field \[([^\]]+)\] of type \[([^\]]+)\](?:.*Preview of field's value: '(.*)')?/s.exec(reason);
  if (m) {
    return { field: m[1] as string, type: m[2] as string, value: valueAt(docLine, m[1] as string) ?? clip(m[3] ?? "?") };
  }
  m = /^mapper \[([^\]]+)\] cannot be changed from type \[([^\]]+)\] to \[([^\]]+)\]/.exec(reason);
  if (m) {
    return { field: m[1] as string, type: m[2] as string, value: valueAt(docLine, m[1] as string) ?? `a ${m[3]} value` };
  }
  m = /object mapping for \[([^\]]+)\] tried to parse field \[[^\]]*\] as object, but found a concrete value/.exec(reason);
  if (m) {
    return { field: m[1] as string, type: "object", value: valueAt(docLine, m[1] as string) ?? "a concrete value" };
  }
  m = /dynamic introduction of \[([^\]]+)\] within \[([^\]]+)\] is not allowed/.exec(reason);
  if (m && errorType === "strict_dynamic_mapping_exception") {
    const field = m[2] === "_doc" ? (m[1] as string) : `${m[2]}.${m[1]}`;
    return { field, type: "none (dynamic: strict)", value: valueAt(docLine, field) ?? "?" };
  }
  return null;
}

/** The value at a field path in the document line; a dotted name may be one key or nested objects. */
function valueAt(docLine: string | undefined, field: string): string | undefined {
  if (!docLine) {
    return undefined;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(docLine);
  } catch {
    return undefined;
  }
  const wrapped = doc as { doc?: unknown };
  const found = walk(wrapped && typeof wrapped === "object" && "doc" in wrapped && "doc_as_upsert" in wrapped ? wrapped.doc : doc, field.split("."));
  return found.ok ? clip(JSON.stringify(found.value) ?? "null") : undefined;
}

function walk(at: unknown, parts: string[]): { ok: boolean; value?: unknown } {
  if (parts.length === 0) {
    return { ok: true, value: at };
  }
  if (Array.isArray(at)) {
    for (const item of at) {
      const r = walk(item, parts);
      if (r.ok) {
        return r;
      }
    }
    return { ok: false };
  }
  if (!at || typeof at !== "object") {
    return { ok: false };
  }
  for (let i = parts.length; i > 0; i--) {
    const key = parts.slice(0, i).join(".");
    if (Object.hasOwn(at, key)) {
      const r = walk((at as Record<string, unknown>)[key], parts.slice(i));
      if (r.ok) {
        return r;
      }
    }
  }
  return { ok: false };
}

const clip = (s: string) => (s.length > VALUE_CHARS ? `${s.slice(0, VALUE_CHARS)}…` : s);

/** A server's reason without what differs per document (its id, the value preview, the parser's position). */
function groupReason(reason: string): string {
  return reason
    .replace(MARKS, "")
    .replace(/^\[\d+:\d+\] /, "")
    .replace(/ in document with id '[^']*'/, "")
    .replace(/\. Preview of field's value: '.*'$/s, "");
}

/**
 * The dry run's report, message by message: counts, each reason once (with a few examples), and every mapping
 * rejection by index, field and type. Bounded: `examples` per reason, `maxGroups` reasons (the rest counted).
 */
export class DryRunTally {
  private readonly counts: DryRunCounts = { read: 0, wouldWrite: 0, filtered: 0, dropped: 0, failed: 0, notTried: 0 };
  private readonly groups = new Map<string, DryRunGroup>();
  private readonly rejections = new Map<string, MappingRejection>();
  private leftOut = new Set<string>();

  constructor(
    private readonly targets: () => string[],
    private readonly limits = { examples: 3, maxGroups: 50 },
  ) {}

  /** A message with no write (filtered, dropped, failed before indexing, not tried), or a write to be answered. */
  planned(m: DryRunMessage): void {
    this.counts.read++;
    switch (m.kind) {
      case "write":
        return;
      case "filtered":
      case "dropped":
        this.counts[m.kind]++;
        this.group(m.kind, null, m.reason, m);
        return;
      case "failed":
        this.counts.failed++;
        this.group("failed", m.stage, m.reason, m);
        return;
      case "skipped":
        this.counts.notTried++;
        this.group("not_tried", null, m.reason, m);
    }
  }

  /** A planned message whose writes were not sent (the dry run's time or size ran out first). */
  notSent(m: DryRunAt, reason: string): void {
    this.counts.notTried++;
    this.group("not_tried", null, reason, m);
  }

  /**
   * The throw-away index's answers to a message's writes: written when every one was; else failed at stage index
   * with the first refusal (and a mapping rejection, when it is one). A server condition (429, 5xx, a block) is the
   * server's, not the message's: not tried, with the reason.
   */
  answered(m: DryRunAt, answers: WriteAnswer[]): void {
    for (const a of answers) {
      const r = classifyItem(a.item);
      if (r.kind === "ok") {
        continue;
      }
      const body = a.item && (a.item.index ?? a.item.create ?? a.item.update ?? a.item.delete);
      const err = typeof body?.error === "string" ? { type: "error", reason: body.error } : (body?.error ?? {});
      const errorType = err.type ?? "error";
      const raw = (err.reason ?? `status ${r.status}`).replace(MARKS, "");
      const mapping = r.kind === "permanent" || r.conflict ? mappingRejection(errorType, raw, a.write.ndjson.split("\n")[1]) : null;
      if (mapping) {
        this.counts.failed++;
        const index = this.targets()[a.write.target] ?? "?";
        this.group("failed", "index", `${errorType}: field [${mapping.field}] of type [${mapping.type}] refused the value`, m);
        this.reject(index, errorType, mapping, m);
      } else if (r.kind === "permanent") {
        this.counts.failed++;
        this.group("failed", "index", `${errorType}: ${groupReason(raw)}`, m);
      } else {
        this.counts.notTried++;
        this.group("not_tried", "index", `the server did not take the write: HTTP ${r.status} ${errorType}: ${groupReason(raw)}`, m);
      }
      return;
    }
    this.counts.wouldWrite++;
  }

  report(): DryRunTallied {
    return { ...this.counts, groups: [...this.groups.values()], groupsLeftOut: this.leftOut.size, mappingRejections: [...this.rejections.values()] };
  }

  private group(outcome: DryRunOutcome, stage: Stage | null, reason: string, at: DryRunAt): void {
    const plain = reason.replace(MARKS, "");
    const key = `${outcome}\u0000${stage}\u0000${plain}`;
    let g = this.groups.get(key);
    if (!g) {
      if (this.groups.size >= this.limits.maxGroups) {
        this.leftOut.add(key);
        return;
      }
      g = { outcome, stage, reason: plain, count: 0, examples: [] };
      this.groups.set(key, g);
    }
    g.count++;
    if (g.examples.length < this.limits.examples) {
      g.examples.push({ topic: at.topic, partition: at.partition, offset: at.offset });
    }
  }

  private reject(index: string, errorType: string, r: { field: string; type: string; value: string }, at: DryRunAt): void {
    const key = `${index}\u0000${r.field}\u0000${r.type}`;
    let g = this.rejections.get(key);
    if (!g) {
      if (this.rejections.size >= this.limits.maxGroups) {
        return;
      }
      g = { index, field: r.field, type: r.type, errorType, count: 0, examples: [] };
      this.rejections.set(key, g);
    }
    g.count++;
    if (g.examples.length < this.limits.examples) {
      g.examples.push({ topic: at.topic, partition: at.partition, offset: at.offset, value: r.value });
    }
  }
}
