import type { DryRunReport } from "@outflow/schemas/api/dry-run";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { EN_MESSAGES } from "../../i18n/messages";
import type { PreviewRow } from "../preview/preview-schemas";
import { setAt } from "./draft-paths";
import * as rc from "./review-checks";
import { emptyDraft, type WizardDraft } from "./wizard-draft";
import { clientIssues } from "./wizard-issues";

const t = createTranslator({ locale: "en", messages: EN_MESSAGES, namespace: "wizard.checks" });
const reviewChecks = (input: rc.ReviewCheckInput) => rc.reviewChecks(input, t);
const previewWarnings = (rows: PreviewRow[]) => rc.previewWarnings(rows, t);
const dryRunWarnings = (r: DryRunReport) => rc.dryRunWarnings(r, t);
const combinationWarnings = (c: WizardDraft["config"]) => rc.combinationWarnings(c, t);

const base = (): WizardDraft => {
  let d = setAt(emptyDraft(), "name", "n");
  d = setAt(d, "config.source", { connectionId: "k", topics: ["t"] });
  return setAt(d, "config.sink", { connectionId: "e", index: "logs" });
};
const row = (offset: string, result: PreviewRow["result"]): PreviewRow => ({ topic: "t", partition: 0, offset, steps: [], result, bulk: "" });
const ok = (o: string) => row(o, { kind: "write", actions: [] });
const failed = (o: string, reason = "date field \u2068$.ts\u2069 is missing") => row(o, { kind: "failed", stage: "route", reason });
const texts = (checks: { text: string }[]) => checks.map((c) => c.text);

const report = (over: Partial<DryRunReport>): DryRunReport => ({
  limit: 1000,
  start: "earliest",
  partitions: [],
  read: 1000,
  wouldWrite: 996,
  filtered: 0,
  dropped: 0,
  failed: 4,
  notTried: 0,
  groups: [],
  groupsLeftOut: 0,
  mappingRejections: [],
  targets: [],
  notes: [],
  elapsedMs: 1200,
  ...over,
});

describe("reviewChecks", () => {
  it("lists every problem of an invalid draft at once, in the steps' order, before the warnings", () => {
    let d = setAt(emptyDraft(), "config.sink", { connectionId: "", index: "Logs", documentId: { type: "kafka_key" }, aggregation: { groupBy: ["$.a"] } });
    d = setAt(d, "config.rules", [{ type: "rename", from: "$..[", to: "b" }]);
    const checks = reviewChecks({ draft: d, issues: clientIssues(d), rows: [failed("0")] });
    expect(checks.map((c) => [c.level, c.field ?? c.step])).toEqual([
      ["problem", "name"],
      ["problem", "source.connectionId"],
      ["problem", "source.topics"],
      ["problem", "rules.0.from"],
      ["problem", "sink.connectionId"],
      ["problem", "sink.documentId"],
      ["problem", "sink.index"],
      ["warning", "target"],
    ]);
  });

  it("has nothing to say about a valid draft whose samples all pass", () => {
    expect(reviewChecks({ draft: base(), issues: [], rows: [ok("0")] })).toEqual([]);
  });
});

describe("previewWarnings", () => {
  it("says how many sampled messages would fail where and why, one line per reason, without value marks", () => {
    const w = previewWarnings([ok("0"), failed("1"), failed("2"), failed("3", 'index name "logs-SHOP" must be lowercase')]);
    expect(texts(w)).toEqual([
      "2 of 4 sampled messages would fail at route: date field $.ts is missing",
      '1 of 4 sampled messages would fail at route: index name "logs-SHOP" must be lowercase',
    ]);
    expect(w.every((c) => c.level === "warning" && c.step === "target")).toBe(true);
  });

  it("groups messages that fail alike but for their values", () => {
    const lower = (app: string) => `index name "logs-${app}" must be lowercase`;
    expect(texts(previewWarnings([failed("0", lower("SHOP")), failed("1", lower("CART")), failed("2", lower("SHOP"))]))).toEqual([
      '3 of 3 sampled messages would fail at route: index name "logs-SHOP" must be lowercase (the others alike, with their own values)',
    ]);
  });
});

describe("dryRunWarnings", () => {
  it("says the dry run's failures, mapping refusals and messages not tried in the same words", () => {
    const r = report({
      groups: [
        { outcome: "failed", stage: "route", reason: "date field $.ts is missing", count: 4, examples: [] },
        { outcome: "filtered", stage: "rule", reason: "rule 1", count: 3, examples: [] },
        { outcome: "not_tried", stage: null, reason: "the dry run ran out of time", count: 7, examples: [] },
      ],
      mappingRejections: [
        {
          index: "logs",
          field: "bytes",
          type: "long",
          errorType: "mapper_parsing_exception",
          count: 2,
          examples: [{ topic: "t", partition: 1, offset: "9", value: '"12kb"' }],
        },
      ],
      groupsLeftOut: 2,
    });
    expect(texts(dryRunWarnings(r))).toEqual([
      "Dry run: 4 of 1,000 messages would fail at route: date field $.ts is missing",
      "Dry run: 7 of 1,000 messages were not tried: the dry run ran out of time",
      'Dry run: 2 of 1,000 messages would be refused by the index logs: its mapping has bytes as long, and t[1]@9 has "12kb" there',
      "Dry run: 2 more reasons, not listed",
    ]);
  });
});

describe("combinationWarnings", () => {
  it("warns when lines kept under a key lack the field the date split, the index or the ID reads", () => {
    let d = setAt(base(), "config.parse.nonJson", { action: "wrap", key: "raw" });
    d = setAt(d, "config.sink.dateSplit", { format: "yyyy.MM.dd", source: { type: "field", field: "$.ts" } });
    d = setAt(d, "config.sink.documentId", { type: "fields", fields: ["$.raw"] });
    const w = combinationWarnings(d.config);
    expect(texts(w)).toEqual([
      'Messages that do not parse are kept as {"raw": text}: they have no $.ts, which the date split needs, so each of them fails at route and the task stops at the first one (retain)',
    ]);
    // A rule that adds the field answers the warning.
    expect(combinationWarnings(setAt(d, "config.rules", [{ type: "timestamp", field: "$.ts", source: "kafka_timestamp" }]).config)).toEqual([]);
    // Kafka's timestamp is always there.
    expect(combinationWarnings(setAt(d, "config.sink.dateSplit.source", { type: "kafka_timestamp" }).config)).toEqual([]);
  });

  it("warns when the ID is read from a field the format's records do not have", () => {
    let d = setAt(base(), "config.parse.format", { type: "regex", pattern: "(?<level>\\w+) (?<msg>.*)" });
    d = setAt(d, "config.sink.documentId", { type: "fields", fields: ["$.host"] });
    expect(texts(combinationWarnings(d.config))).toEqual([
      "The format's records have the fields level, msg and no rule adds $.host: the document ID needs it, so every message would fail at route",
    ]);
    expect(combinationWarnings(setAt(d, "config.sink.documentId.fields", ["$.level"]).config)).toEqual([]);
    const csv = setAt(setAt(base(), "config.parse.format", { type: "delimited", separator: "," }), "config.sink.index", "logs-{_2}-{host}");
    expect(texts(combinationWarnings(csv.config))).toEqual([
      "The format's records have the fields _1, _2, … and no rule adds host: the index name needs it, so every message would fail at route",
    ]);
    const grok = setAt(
      setAt(base(), "config.parse.format", { type: "grok", pattern: "%{IP:client} %{NUMBER:bytes:int}" }),
      "config.sink.index",
      "logs-{$.client}",
    );
    expect(combinationWarnings(grok.config)).toEqual([]);
  });

  it("warns about settings CDC and aggregation do not use", () => {
    let cdc = setAt(base(), "config.sink.cdc", { format: "debezium", primaryKey: ["$.id"] });
    cdc = setAt(cdc, "config.parse", { nonJson: { action: "wrap", key: "raw" }, tombstones: "fail" });
    expect(texts(combinationWarnings(cdc.config))).toEqual([
      'Under CDC sync a message that does not parse fails: keeping it under "raw" applies only without CDC',
      "Under CDC sync deletes come from the change events; a tombstone (the log compaction marker after a delete) would fail: skip them",
    ]);
    let agg = setAt(base(), "config.sink.aggregation", { groupBy: ["$.app"] });
    agg = setAt(agg, "config.parse.flatten", { separator: "." });
    expect(texts(combinationWarnings(agg.config))).toEqual(["Aggregation writes its own documents: flatten does not apply to them"]);
  });
});
