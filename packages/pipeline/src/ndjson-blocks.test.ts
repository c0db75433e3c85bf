import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { byteLength } from "./bulk";
import { type EncodedLines, linesText, NdjsonBlocks } from "./ndjson-blocks";

const lineArb = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 2_000 }),
  fc.constantFrom("é".repeat(3_000), "日".repeat(2_500), "😀".repeat(1_500), "x".repeat(5_000)),
);

function encodeAll(blocks: NdjsonBlocks, lines: string[]): EncodedLines[] {
  return lines.map((line) => {
    const bytes = blocks.encode(line);
    return { block: blocks.lastBlock, start: blocks.lastStart, bytes };
  });
}

describe("NdjsonBlocks", () => {
  it("gives back every line byte for byte, across block ends and in multi-byte text", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 60 }), (lines) => {
        const placed = encodeAll(new NdjsonBlocks(), lines);
        placed.forEach((p, i) => {
          expect(linesText(p)).toBe(lines[i]);
          expect(p.bytes).toBe(byteLength(lines[i] as string));
        });
        // Lines follow one another in a block (so a bulk body copies runs of them at once).
        for (let i = 1; i < placed.length; i++) {
          const [a, b] = [placed[i - 1] as EncodedLines, placed[i] as EncodedLines];
          if (a.block === b.block) {
            expect(b.start).toBe(a.start + a.bytes);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("starts small and doubles, and a line longer than a block gets one of its own", () => {
    const blocks = new NdjsonBlocks();
    const [first, big] = encodeAll(blocks, ["{}\n", "x".repeat(3_000_000)]) as [EncodedLines, EncodedLines];
    expect(first.block.length).toBe(4 * 1024);
    expect(big.block.length).toBeGreaterThanOrEqual(3_000_000);
    expect(linesText(big)).toHaveLength(3_000_000);
  });
});

describe("NdjsonBlocks without Node's Buffer (the browser's preview)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("encodes with TextEncoder alike", async () => {
    vi.stubGlobal("Buffer", undefined);
    vi.resetModules();
    const browser = await import("./ndjson-blocks");
    const blocks = new browser.NdjsonBlocks();
    const lines = ['{"a":1}\n', "é".repeat(2_000), "😀 日本", "x".repeat(10_000)];
    const placed = lines.map((line) => {
      const bytes = blocks.encode(line);
      return { block: blocks.lastBlock, start: blocks.lastStart, bytes };
    });
    expect(placed.map(browser.linesText)).toEqual(lines);
    expect(placed.every((p) => !("write" in p.block))).toBe(true);
  });
});
