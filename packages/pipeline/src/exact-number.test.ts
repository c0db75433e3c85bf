import { plainReason } from "@outflow/schemas/reason-values";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cloneJson,
  compareNumbers,
  EXACT_NUMBERS_SUPPORTED,
  isExactNumber,
  type JsonNumber,
  mayHoldInexactNumbers,
  numberFromText,
  parseJsonExact,
  scalarText,
  toDouble,
  truncateNumber,
} from "./exact-number";
import { isRecord } from "./field-path";
import { jsonDocumentArb, numberTextArb } from "./test-arbitraries";

const exact = (text: string) => parseJsonExact(`[${text}]`) as JsonNumber[];

describe("parseJsonExact", () => {
  it("runs on a platform with JSON.rawJSON and source text access (Node 24)", () => {
    expect(EXACT_NUMBERS_SUPPORTED).toBe(true);
  });

  it.each([
    "1234567890123456789",
    "9007199254740993",
    "-9223372036854775808",
    "18446744073709551615",
    "2140.0",
    "10.50",
    "-0",
    "1e5",
    "1E+21",
    "0.0000001",
    "3.141592653589793238462643383279",
    "1e400",
  ])("keeps %s as written", (text) => {
    const [v] = exact(text);
    expect(isExactNumber(v)).toBe(true);
    expect(JSON.stringify(v)).toBe(text);
    expect(scalarText(v as JsonNumber)).toBe(text);
  });

  it.each(["0", "1", "-42", "0.1", "1.5", "9007199254740991", "123456789012345", "0.000001"])("leaves %s a plain number", (text) => {
    expect(exact(text)).toEqual([Number(text)]);
  });

  it("takes plain JSON.parse when no number token is suspect (times, UUIDs and version strings in strings)", () => {
    expect(mayHoldInexactNumbers('{"t":"2024-01-01T12:30:00.000Z","u":"3e4f1a2b-0000-4000-8000-000000000000","v":"10.0.1","n":12.5}')).toBe(false);
    expect(mayHoldInexactNumbers('{"n": 2140.0}')).toBe(true);
    expect(mayHoldInexactNumbers('{"a":[1, -0 ]}')).toBe(true);
  });

  it("every number text survives a parse and stringify, and the fast path is taken only when every number reads back the same", () => {
    fc.assert(
      fc.property(jsonDocumentArb, ({ text, compact, numbers }) => {
        expect(JSON.stringify(parseJsonExact(text))).toBe(compact);
        if (!mayHoldInexactNumbers(text)) {
          for (const n of numbers) {
            expect(String(Number(n))).toBe(n);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("gives plain numbers for anything JSON.stringify wrote from doubles (the console's API answers)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v) ?? "null";
        expect(parseJsonExact(text)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("a copy keeps exact numbers exact; they are not records", () => {
    const v = parseJsonExact('{"a":{"b":[10.50,{"c":9007199254740993}]},"__proto__":1.0}') as Record<string, unknown>;
    const copy = cloneJson(v);
    expect(copy).not.toBe(v);
    expect(JSON.stringify(copy)).toBe('{"a":{"b":[10.50,{"c":9007199254740993}]},"__proto__":1.0}');
    expect(isRecord(exact("1.0")[0])).toBe(false);
  });
});

describe("compareNumbers", () => {
  it("compares integers of any size as BigInt does", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), (a, b) => {
        const [x, y] = exact(`${a},${b}`) as [JsonNumber, JsonNumber];
        expect(compareNumbers(x, y)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });

  it("compares decimals by value, whatever their notation", () => {
    fc.assert(
      fc.property(numberTextArb, numberTextArb, (a, b) => {
        const [x, y] = exact(`${a},${b}`) as [JsonNumber, JsonNumber];
        const scaled = (t: string) => {
          const [m, e = "0"] = t.toLowerCase().split("e");
          const [w, f = ""] = (m as string).split(".");
          return { n: BigInt(`${w}${f}`), exp: Number(e) - f.length };
        };
        const p = scaled(a);
        const q = scaled(b);
        const low = Math.min(p.exp, q.exp);
        const pa = p.n * 10n ** BigInt(p.exp - low);
        const qb = q.n * 10n ** BigInt(q.exp - low);
        expect(compareNumbers(x, y)).toBe(pa < qb ? -1 : pa > qb ? 1 : 0);
      }),
    );
  });

  it.each([
    ["10.50", 10.5, 0],
    ["9007199254740993", 9007199254740992, 1],
    ["-0", 0, 0],
    ["1e5", 100000, 0],
    ["-1e-7", 0, -1],
  ] as const)("%s vs %s → %s", (a, b, expected) => {
    expect(compareNumbers(exact(a)[0] as JsonNumber, b)).toBe(expected);
  });
});

describe("toDouble", () => {
  it.each([
    ["10.50", 10.5],
    ["2140.0", 2140],
    ["1e5", 100000],
    ["-0", -0],
    ["0.30000000000000004", 0.30000000000000004],
  ])("%s → %s", (text, n) => {
    expect(toDouble(exact(text)[0] as JsonNumber)).toEqual({ ok: true, value: n });
  });

  it.each([
    ["9007199254740993", "has more digits than a 64-bit floating-point number holds exactly (it would become 9007199254740992)"],
    ["0.1000000000000000000001", "has more digits"],
    ["1e400", "is out of the range"],
  ])("%s fails: %s", (text, reason) => {
    const r = toDouble(exact(text)[0] as JsonNumber);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : plainReason(r.reason)).toContain(reason);
  });
});

describe("numberFromText and truncateNumber", () => {
  it.each([
    [" 12 ", "12"],
    ["+5", "5"],
    [".5", "0.5"],
    ["007", "7"],
    ["1e3", "1000"],
    ["-0", "0"],
    ["10.50", "10.5"],
    ["9007199254740993", "9007199254740993"],
    ["12345678901234567890.5", "12345678901234567890.5"],
    ["1.5e30", "1.5e+30"],
  ])("%j → %s", (text, json) => {
    expect(JSON.stringify(numberFromText(text))).toBe(json);
  });

  it.each(["", " ", "x", "1,000", "0x10", "Infinity", "1e400", "1.2.3"])("%j is not a number", (text) => {
    expect(numberFromText(text)).toBeNull();
  });

  it.each([
    ["42.9", "42"],
    ["-3.7", "-3"],
    ["-0.5", "0"],
    ["12345678901234567890.7", "12345678901234567890"],
    ["-9223372036854775808.99", "-9223372036854775808"],
    ["2140.0", "2140"],
    ["1.5e20", "150000000000000000000"],
    ["9.99e-7", "0"],
  ])("truncate %s → %s", (text, json) => {
    expect(JSON.stringify(truncateNumber(numberFromText(text) as JsonNumber))).toBe(json);
  });
});
