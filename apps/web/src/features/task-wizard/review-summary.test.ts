import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { EN_MESSAGES } from "../../i18n/messages";
import type { PreviewRow } from "../preview/preview-schemas";
import { setAt } from "./draft-paths";
import { documentIdText, type RuleInput, reviewSummary, ruleText as ruleTextIn } from "./review-summary";
import { emptyDraft, type WizardDraft } from "./wizard-draft";

const t = createTranslator({ locale: "en", messages: EN_MESSAGES, namespace: "wizard.summary" });

const ruleText = (r: RuleInput) => ruleTextIn(r, t);

const connections = [
  { id: "k1", name: "prod kafka" },
  { id: "e1", name: "logs cluster" },
];

const draft = (): WizardDraft => {
  let d = setAt(emptyDraft(), "name", "app logs");
  d = setAt(d, "config.source", { connectionId: "k1", topics: ["app", "web"], startPosition: { type: "timestamp", timestamp: "2026-12-07T17:40:05Z" } });
  d = setAt(d, "config.sink", {
    connectionId: "e1",
    index: "logs-{$.app}",
    dateSplit: { format: "yyyy.MM.dd", source: { type: "field", field: "$.ts" } },
    documentId: { type: "fields", fields: ["$.host", "$.seq"], delimiter: "-" },
  });
  return d;
};

const written = (index: string): PreviewRow => ({
  topic: "app",
  partition: 2,
  offset: "41",
  steps: [],
  result: { kind: "write", actions: [{ op: "index", index, doc: {} }] },
  bulk: "",
});

const text = (sections: ReturnType<typeof reviewSummary>, label: string) => sections.flatMap((s) => s.items).find((i) => i.label === label)?.text;

describe("reviewSummary", () => {
  it("names connections by name, never by id, and says topics, start, index with an example, date split and ID", () => {
    const s = reviewSummary(draft(), connections, [written("logs-shop_2026.12.07")], t);
    expect(s.map((x) => x.title)).toEqual(["Source", "Parse", "Rules", "Target", "Failures & delivery", "Alerts"]);
    expect(text(s, "Kafka connection")).toBe("prod kafka");
    expect(text(s, "Elasticsearch connection")).toBe("logs cluster");
    expect(JSON.stringify(s)).not.toMatch(/"k1"|"e1"|\bk1\b|\be1\b/);
    expect(text(s, "Topics")).toBe("app, web");
    expect(text(s, "Start")).toBe("from the first message at or after 2026-12-07 17:40:05 UTC");
    expect(text(s, "Index")).toBe("logs-{$.app}_<yyyy.MM.dd>, e.g. logs-shop_2026.12.07 (for the sampled message app[2]@41)");
    expect(text(s, "Date split")).toBe("a suffix _yyyy.MM.dd from the field $.ts (iso), in UTC");
    expect(text(s, "Document ID")).toBe('the fields $.host + "-" + $.seq: a replay overwrites');
    expect(text(s, "Write mode")).toMatch(/^full/);
    expect(text(s, "Failure policy")).toMatch(/^retain: the task stops/);
    expect(text(s, "Delivery")).toContain("up to 2,000 documents or 8 MiB");
    expect(text(s, "Alert when")).toContain("more than 100,000 messages wait");
    expect(text(s, "Notify")).toBe("every enabled webhook, and again when an alert clears");
  });

  it("says what is not chosen yet, and a connection missing from the list without pretending to know its name", () => {
    const s = reviewSummary(setAt(emptyDraft(), "config.sink.connectionId", "gone"), connections, [], t);
    expect(text(s, "Kafka connection")).toBe("not chosen yet");
    expect(text(s, "Elasticsearch connection")).toBe("a connection that is not in the list (id gone)");
    expect(text(s, "Index")).toBe("not named yet");
    expect(text(s, "Rules")).toBe("none: each record is written as parsed");
  });

  it("names the dead-letter connection, or the source's when it has none", () => {
    const d = setAt(draft(), "config.failure", { policy: "dead_letter", topic: "app-dlq" });
    expect(text(reviewSummary(d, connections, [], t), "Failure policy")).toContain("the topic app-dlq on the source connection");
    expect(text(reviewSummary(setAt(d, "config.failure.connectionId", "k1"), connections, [], t), "Failure policy")).toContain("on prod kafka");
  });

  it("says that CDC and aggregation set the document ID", () => {
    expect(documentIdText({ cdc: { format: "debezium", primaryKey: ["$.id"] } }, t)).toBe("the row's primary key ($.id), set by CDC sync: a replay overwrites");
    expect(documentIdText({ aggregation: { groupBy: ["$.app"] } }, t)).toMatch(/^the group's key, set by the aggregation/);
    expect(documentIdText({}, t)).toBe("Elasticsearch's own: a replay writes duplicates");
  });
});

describe("ruleText", () => {
  it("says each rule in words", () => {
    expect(ruleText({ type: "rename", from: "$.a", to: "$.b" })).toBe("rename $.a to $.b");
    expect(ruleText({ type: "filter", action: "drop", conditions: [{ field: "$.level", op: "equals", value: "debug" }] })).toBe(
      'drop messages where $.level equals "debug"',
    );
    expect(
      ruleText({
        type: "filter",
        action: "keep",
        match: "any",
        conditions: [
          { field: "$.status", op: "gte", value: 500 },
          { field: "$.error", op: "exists" },
        ],
      }),
    ).toBe("keep only messages where $.status ≥ 500 or $.error exists");
    expect(ruleText({ type: "drop", fields: ["$.password", "$.token"] })).toBe("remove the fields $.password, $.token");
    expect(ruleText({ type: "cast", field: "$.bytes", as: "integer" })).toBe("make $.bytes an integer");
    expect(ruleText({ type: "metadata", field: "$.kafka_offset", source: "offset" })).toBe("set $.kafka_offset to the message's Kafka offset");
    expect(ruleText({ type: "parse", field: "$.msg", format: { type: "kv" } })).toBe(
      'parse $.msg as key-value pairs: pairs separated by "&", key and value by "=", merged into the record',
    );
  });
});
