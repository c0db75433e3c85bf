import { describe, expect, it } from "vitest";
import { draftKey, loadDraft, sameDraft, saveDraft } from "./draft-storage";
import { emptyDraft } from "./wizard-draft";

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
};

describe("draft storage", () => {
  it("gives back the draft and step it kept, per task", () => {
    const s = memory();
    const draft = { ...emptyDraft(), name: "app logs" };
    saveDraft(s, draftKey(), { draft, step: "rules", baseVersion: null });
    expect(loadDraft(s, draftKey(), null)).toEqual({ draft, step: "rules", baseVersion: null });
    expect(loadDraft(s, draftKey("t1"), 3)).toBeNull();
  });

  it("does not restore a draft of another config version, nor anything unreadable", () => {
    const s = memory();
    saveDraft(s, draftKey("t1"), { draft: emptyDraft(), step: "target", baseVersion: 2 });
    expect(loadDraft(s, draftKey("t1"), 3)).toBeNull();
    expect(loadDraft(s, draftKey("t1"), 2)?.step).toBe("target");
    s.setItem("bad", "{not json");
    expect(loadDraft(s, "bad", null)).toBeNull();
    s.setItem("odd", JSON.stringify({ draft: { name: 1 }, step: "x", baseVersion: null }));
    expect(loadDraft(s, "odd", null)).toBeNull();
  });

  it("falls back to the first step for an unknown step", () => {
    const s = memory();
    s.setItem("k", JSON.stringify({ draft: emptyDraft(), step: "gone", baseVersion: null }));
    expect(loadDraft(s, "k", null)?.step).toBe("source");
  });

  it("compares drafts by value", () => {
    expect(sameDraft(emptyDraft(), emptyDraft())).toBe(true);
    expect(sameDraft(emptyDraft(), { ...emptyDraft(), name: "x" })).toBe(false);
  });
});
