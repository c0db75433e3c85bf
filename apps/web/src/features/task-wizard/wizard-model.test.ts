import { describe, expect, it } from "vitest";
import { getAt, setAt } from "./draft-paths";
import { emptyDraft, patchBody, type WizardDraft } from "./wizard-draft";
import { clientIssues, draftPathOf, visibleIssues, type WizardIssue } from "./wizard-issues";
import { stepOf } from "./wizard-steps";

const valid = (): WizardDraft => {
  const d = emptyDraft();
  d.name = "app logs";
  d.config.source = { ...d.config.source, connectionId: "k", topics: ["app-logs"] };
  d.config.sink = { ...d.config.sink, connectionId: "e", index: "logs-{$.app}" };
  return d;
};

describe("draft paths", () => {
  it("sets and removes values immutably, creating parents", () => {
    const d = { a: { b: [1, 2] } };
    expect(setAt(d, "a.b.1", 3)).toEqual({ a: { b: [1, 3] } });
    expect(setAt(d, "a.c.d", "x")).toEqual({ a: { b: [1, 2], c: { d: "x" } } });
    expect(setAt(d, "a.b", undefined)).toEqual({ a: {} });
    expect(setAt({ r: [{ x: 1 }, { x: 2 }] }, "r.0", undefined)).toEqual({ r: [{ x: 2 }] });
    expect(d).toEqual({ a: { b: [1, 2] } });
    expect(getAt(d, "a.b.0")).toBe(1);
  });
});

describe("wizard issues", () => {
  it("checks the draft with the server's own schema and compile", () => {
    expect(clientIssues(valid())).toEqual([]);
    const bad = setAt(setAt(valid(), "config.sink.index", "Logs"), "name", "");
    expect(clientIssues(bad).map((i) => i.field)).toEqual(["name", "sink.index"]);
  });

  it("names a bad pattern at its field while the target is still empty", () => {
    const d = emptyDraft();
    d.name = "grok";
    d.config.source = { ...d.config.source, connectionId: "k", topics: ["t"] };
    d.config.parse = { format: { type: "grok", pattern: "%{NOPE:x}" } };
    const issues = clientIssues(d);
    expect(issues.map((i) => i.field)).toEqual(["sink.connectionId", "sink.index", "parse.format.pattern"]);
    expect(issues[2]?.message).toContain("unknown grok pattern %{NOPE}");
  });

  it("maps the server's request paths onto draft paths and steps", () => {
    expect(draftPathOf("config.sink.index")).toBe("sink.index");
    expect(draftPathOf("name")).toBe("name");
    expect(stepOf(draftPathOf("config.rules.2.conditions.0.value"))).toBe("rules");
    expect(stepOf(draftPathOf("config.failure.topic"))).toBe("failure");
    expect(stepOf("source.topics.5")).toBe("source");
  });

  it("shows client issues of touched fields only, server issues always, each message once", () => {
    const client: WizardIssue[] = [
      { field: "sink.index", message: "lowercase", origin: "client" },
      { field: "name", message: "Name is required", origin: "client" },
    ];
    const server: WizardIssue[] = [{ field: "sink.index", message: "lowercase", origin: "server" }];
    expect(visibleIssues(client, [], new Set(["sink.index"]), false)).toEqual([client[0]]);
    expect(visibleIssues(client, server, new Set(["sink.index"]), false)).toEqual(server);
    expect(visibleIssues(client, [], new Set(), true)).toEqual(client);
  });
});

describe("patchBody", () => {
  it("sends only what changed, with null for removed options", () => {
    const saved = setAt(valid(), "config.failure", { policy: "dead_letter", topic: "dlq" });
    const edited = setAt(saved, "config.failure", { policy: "discard" });
    expect(patchBody(saved, edited)).toEqual({ config: { failure: { policy: "discard", topic: null } } });
    expect(patchBody(saved, setAt(saved, "name", "renamed"))).toEqual({ name: "renamed" });
    expect(patchBody(saved, saved)).toEqual({});
  });
});
