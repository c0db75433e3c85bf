import { describe, expect, it } from "vitest";
import { setAt } from "./draft-paths";
import { emptyDraft, type WizardDraft } from "./wizard-draft";
import { clientIssues } from "./wizard-issues";

const fields = (d: WizardDraft) => clientIssues(d).map((i) => i.field);

describe("clientIssues: every problem at once", () => {
  it("names a bad rule path while the source has no topic yet (the schema's problems do not hide the compile's)", () => {
    let d = setAt(emptyDraft(), "config.source.connectionId", "k");
    d = setAt(d, "config.rules", [{ type: "rename", from: "$..[", to: "b" }]);
    expect(fields(d)).toEqual(["name", "source.topics", "sink.connectionId", "sink.index", "rules.0.from"]);
  });

  it("names an upper-case index beside a cross-field problem (document ID under aggregation)", () => {
    let d = setAt(emptyDraft(), "config.source", { connectionId: "k", topics: ["t"] });
    d = setAt(d, "config.sink", { connectionId: "e", index: "Logs", aggregation: { groupBy: ["$.a"] }, documentId: { type: "kafka_key" } });
    const issues = clientIssues(d);
    expect(issues.map((i) => i.field)).toEqual(["name", "sink.documentId", "sink.index"]);
    expect(issues[2]?.message).toContain("must be lowercase");
  });

  it("names problems in two rules and the dead-letter topic together", () => {
    let d = setAt(emptyDraft(), "name", "n");
    d = setAt(d, "config.source", { connectionId: "k", topics: ["t"] });
    d = setAt(d, "config.sink", { connectionId: "e", index: "logs" });
    d = setAt(d, "config.rules", [
      { type: "rename", from: "", to: "b" },
      { type: "replace", field: "$.a", pattern: "(", regex: true },
    ]);
    d = setAt(d, "config.failure", { policy: "dead_letter", topic: "t" });
    expect(fields(d)).toEqual(["rules.0.from", "rules.1.pattern", "failure.topic"]);
  });

  it("finds nothing in a valid draft", () => {
    let d = setAt(emptyDraft(), "name", "n");
    d = setAt(d, "config.source", { connectionId: "k", topics: ["t"] });
    d = setAt(d, "config.sink", { connectionId: "e", index: "logs-{$.app}" });
    expect(clientIssues(d)).toEqual([]);
  });

  it("words the compile's problems in the console's language (English as the API says them)", () => {
    let d = setAt(emptyDraft(), "config.source", { connectionId: "k", topics: ["t"] });
    d = setAt(d, "config.sink", { connectionId: "e", index: "Logs" });
    const en = clientIssues(d, "en").find((i) => i.field === "sink.index");
    const zh = clientIssues(d, "zh-CN").find((i) => i.field === "sink.index");
    expect(en?.message).toContain("must be lowercase");
    expect(zh?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(zh?.message).not.toContain("must be lowercase");
  });
});
