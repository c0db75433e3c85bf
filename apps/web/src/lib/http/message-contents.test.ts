import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { CONTENTS_MARKS, messageContents, restoreContents } = await import("./message-contents");

const RAW_MARKS = /[\u2068\u2069]/;

describe("message contents (their own U+2068 and U+2069 through the answer's text)", () => {
  it("stand-ins are private-use fences around random text, one for each mark", () => {
    expect(CONTENTS_MARKS.open).toMatch(/^\uE000[A-Za-z0-9_-]{24}\uE001$/);
    expect(CONTENTS_MARKS.close).toMatch(/^\uE000[A-Za-z0-9_-]{24}\uE001$/);
    expect(CONTENTS_MARKS.open).not.toBe(CONTENTS_MARKS.close);
  });

  it("swaps the marks in every string and key, however deep; other values stay", () => {
    const exact = (JSON as unknown as { rawJSON(t: string): unknown }).rawJSON("12345678901234567890");
    const grouped: Record<string, unknown> = Object.create(null);
    grouped["g\u2068"] = "\u2069";
    const value = { "k\u2068ey": ["a\u2068b\u2069c", 1, null, true, { deep: "\u2069" }], n: exact, grouped, plain: "plain" };
    const swapped = messageContents(value);
    expect(JSON.stringify(swapped)).not.toMatch(RAW_MARKS);
    expect(swapped).toEqual({
      [`k${CONTENTS_MARKS.open}ey`]: [`a${CONTENTS_MARKS.open}b${CONTENTS_MARKS.close}c`, 1, null, true, { deep: CONTENTS_MARKS.close }],
      n: exact,
      grouped: { [`g${CONTENTS_MARKS.open}`]: CONTENTS_MARKS.close },
      plain: "plain",
    });
    expect(swapped.n).toBe(exact);
    expect(value["k\u2068ey"][0]).toBe("a\u2068b\u2069c");
  });

  it("restoreContents writes each stand-in as its JSON escape: JSON.parse gives the exact contents back", () => {
    const contents = { value: '{"name":"\u2068x\u2069"} \u2069 stray \u2068', headers: { "h\u2069": "v" }, big: "\uE000not a stand-in\uE001" };
    const text = restoreContents(JSON.stringify({ message: messageContents(contents) }));
    expect(text).not.toMatch(RAW_MARKS);
    expect(text).toContain("\\u2068x\\u2069");
    expect(text).not.toContain(CONTENTS_MARKS.open);
    expect(JSON.parse(text)).toEqual({ message: contents });
  });
});
