import { describe, expect, it } from "vitest";
import { matcherSteps } from "./matcher";
import { compileSafeRegex, compileSafeRegexWithLimits, type Match, type SafeRegex, type SafeRegexImpl } from "./safe-regex";

function regex(pattern: string, flags = ""): SafeRegex {
  const r = compileSafeRegex(pattern, flags);
  if (!r.ok) {
    throw new Error(`${pattern}: ${r.reason}`);
  }
  return r.regex;
}

function impl(pattern: string, flags = ""): SafeRegexImpl {
  const r = compileSafeRegexWithLimits(pattern, flags, {});
  if (!r.ok) {
    throw new Error(`${pattern}: ${r.reason}`);
  }
  return r.regex;
}

function reason(pattern: string, flags = ""): string {
  const r = compileSafeRegex(pattern, flags);
  return r.ok ? "(compiled)" : r.reason;
}

type Shape = { index: number; end: number; groups: (string | undefined)[] } | null;

const shape = (m: Match | null): Shape => m && { index: m.index, end: m.end, groups: m.groups };
const jsShape = (m: RegExpExecArray | null): Shape => m && { index: m.index, end: m.index + m[0].length, groups: [...m] };

/** Patterns where RE2-style syntax and JavaScript agree; each is checked against RegExp with the u flag. */
const CORPUS: [pattern: string, flags: string, inputs: string[]][] = [
  ["abc", "", ["abc", "xxabcxx", "ab", ""]],
  ["a.c", "", ["abc", "a\nc", "a😀c", "ac"]],
  ["a.c", "s", ["a\nc", "a\rc", "a\u2028c"]],
  ["^abc$", "", ["abc", "abc\n", "\nabc", "xabc"]],
  ["^abc$", "m", ["x\nabc\ny", "abc\r\n", "xabc"]],
  ["^$", "m", ["", "\n", "a\n\nb"]],
  ["\\bfoo\\b", "", ["foo", "a foo b", "foobar", "barfoo", "_foo"]],
  ["\\Boo\\B", "", ["foo", "fooo", "oo"]],
  ["[a-z0-9_]+", "", ["Hello_World42!", "!!!", "abc"]],
  ["[^a-z]+", "", ["abcDEF123ghi", "abc"]],
  ["[\\d.]+", "", ["v1.2.3-beta", "none"]],
  ["[\\w-]+@[\\w.-]+", "", ["mail me: john.doe-x@example.co.uk today"]],
  ["[\\s\\S]+", "", ["a\nb"]],
  ["[-a]", "", ["-", "a", "b"]],
  ["[a-]", "", ["-"]],
  ["[\\]\\[]+", "", ["x[]]y"]],
  ["\\d+", "", ["abc 123 456", "٣"]],
  ["\\D+", "", ["123abc456"]],
  ["\\w+", "", ["  hello world", "éé"]],
  ["\\W+", "", ["hello, world"]],
  ["\\s+", "", ["a \t\n\u00a0\u2003b"]],
  ["\\S+", "", ["  xyz  "]],
  ["a\\.b\\\\c\\/d", "", ["a.b\\c/d", "axb\\c/d"]],
  ["\\t\\n\\r\\x41\\u0042\\u{1F600}", "", ["\t\n\rAB😀"]],
  ["(a)(b)?(c)", "", ["ac", "abc"]],
  ["(?:ab)+", "", ["ababab", "aba"]],
  ["(?<year>\\d{4})-(?<month>\\d{2})", "", ["on 2024-05-01", "24-05"]],
  ["a|ab|abc", "", ["abc"]],
  ["abc|ab|a", "", ["abc", "ab"]],
  ["(a|ab)(c|bcd)(d*)", "", ["abcd"]],
  ["a*", "", ["", "aaa", "baaa"]],
  ["a+", "", ["baaa", "b"]],
  ["a?b", "", ["ab", "b", "aab"]],
  ["a{2}", "", ["a", "aa", "aaa"]],
  ["a{2,}", "", ["a", "aaaaa"]],
  ["a{2,3}", "", ["aaaaa", "a"]],
  ["a{0}b", "", ["ab"]],
  ["a*?b", "", ["aaab"]],
  ["a+?", "", ["aaa"]],
  ["a??b", "", ["ab"]],
  ["a{2,4}?", "", ["aaaaa"]],
  ["(a+)(a*)", "", ["aaaa"]],
  ["(a+?)(a*)", "", ["aaaa"]],
  ["<(.+)>", "", ["<a><b>"]],
  ["<(.+?)>", "", ["<a><b>"]],
  ["(a*)*", "", ["b", "aa"]],
  ["(a*)+", "", ["b", "aa"]],
  ["(a|b)*c", "", ["abac", "ababab"]],
  ["(?:(a)|b)+", "", ["ab", "ba"]],
  ["(?:(a)|(b))+", "", ["ab", "aba"]],
  ["(a?)*?b", "", ["aab"]],
  ["(?:a|())*", "", ["aa", "b"]],
  ["(?:\\b|a*)+", "", ["a", "aa b"]],
  ["(x)?(y)?z", "", ["z", "xz", "yz"]],
  ["([a-c]+)\\s([a-c]+)", "i", ["ABC cab", "abc CAB"]],
  ["hello", "i", ["HeLLo", "hellö"]],
  ["[a-z]+", "i", ["ABC"]],
  ["[^a-z]+", "i", ["ABC123"]],
  ["é+", "i", ["ÉéÉ"]],
  ["σ+", "i", ["Σσς"]],
  ["k", "i", ["\u212a"]],
  ["\\w", "i", ["\u017f"]],
  ["\\W", "i", ["\u017f", "\u212a", "!"]],
  ["\\bs", "i", ["\u017fs"]],
  ["😀+", "", ["😀😀x"]],
  ["[😀-😂]", "", ["😁"]],
  ["^.$", "", ["😀", "ab"]],
  ["^..$", "", ["😀"]],
  ["\\uD83D\\uDE00", "", ["😀"]],
  ["x*", "", ["😀"]],
  ["[^x]", "", ["😀"]],
  ["(\\d+)-(\\d+)", "", ["phone 555-1234 or 555-9876"]],
  ['"([^"\\\\]|\\\\.)*"', "", ['say "hi \\"there\\"" now']],
  ["^(\\S+) (\\S+) \\[([^\\]]+)\\]", "", ["1.2.3.4 - [10/Oct/2000:13:55:36 -0700] x"]],
  ["(?:\\d{1,3}\\.){3}\\d{1,3}", "", ["ip=192.168.1.100;"]],
  ["^[\\w.+-]+@[\\w-]+\\.[\\w.]+$", "", ["john.doe@example.com", "bad@", "a@b.c"]],
  ["(?:https?|ftp)://[^\\s/$.?#].[^\\s]*", "", ["see https://example.com/x?y=1 now"]],
  ["[\\u0041-\\u005A]+", "", ["abcXYZ"]],
  ["\\x7f|\\0", "", ["a\u0000", "\u007f"]],
  ["\\cJ", "", ["a\nb"]],
];

describe("compileSafeRegex agrees with RegExp (u flag)", () => {
  for (const [pattern, flags, inputs] of CORPUS) {
    it(`/${pattern}/${flags}`, () => {
      const re = impl(pattern, flags);
      const js = new RegExp(pattern, `u${flags}`);
      const jsAll = new RegExp(pattern, `gu${flags}`);
      for (const input of inputs) {
        const expected = jsShape(js.exec(input));
        for (const engine of ["backtrack", "pike"] as const) {
          re.engine = engine;
          expect(shape(re.exec(input)), `${engine} exec ${JSON.stringify(input)}`).toEqual(expected);
          expect(re.test(input), `${engine} test ${JSON.stringify(input)}`).toBe(js.test(input));
          expect(re.matchAll(input).map(shape), `${engine} matchAll ${JSON.stringify(input)}`).toEqual([...input.matchAll(jsAll)].map(jsShape));
          for (const template of ["<$&>", "[$1]", "$$", "$`|$'", "$2$1", "$10", "$<year>", "x"]) {
            expect(re.replace(input, template, false), `${engine} replace ${template}`).toBe(input.replace(js, template));
            expect(re.replace(input, template, true), `${engine} replaceAll ${template}`).toBe(input.replace(jsAll, template));
          }
        }
      }
    });
  }
});

describe("exec", () => {
  it("searches from a code-unit offset and reports code-unit offsets", () => {
    const re = regex("\\d+");
    expect(shape(re.exec("a1b22c333", 2))).toEqual({ index: 3, end: 5, groups: ["22"] });
    expect(shape(re.exec("a1b22c333", 4))).toEqual({ index: 4, end: 5, groups: ["2"] });
    expect(re.exec("a1b22c333", 9)).toBeNull();
    expect(re.exec("a1b22c333", 99)).toBeNull();
    expect(shape(re.exec("😀😀12", 0))).toEqual({ index: 4, end: 6, groups: ["12"] });
  });

  it("looks behind `from` for assertions, as RegExp with lastIndex does", () => {
    expect(regex("\\bb").exec("ab", 1)).toBeNull();
    expect(regex("^b").exec("ab", 1)).toBeNull();
    expect(regex("^b", "m").exec("a\nb", 2)?.index).toBe(2);
  });

  it("gives named groups and their names in order", () => {
    const re = regex("(?<a>x)(y)(?P<b>z)?");
    expect(re.groupNames).toEqual(["a", "b"]);
    const m = re.exec("xy");
    expect(m?.groups).toEqual(["xy", "x", "y", undefined]);
    expect(m?.named).toEqual({ a: "x", b: undefined });
    expect(m?.text).toBe("xy");
  });

  it("normalizes flags and keeps the source", () => {
    const re = regex("a", "smi");
    expect(re.flags).toBe("ims");
    expect(re.source).toBe("a");
    expect(regex("a", "gu").flags).toBe("");
  });
});

describe("syntax beyond JavaScript's (RE2)", () => {
  it.each([
    ["(?i)hello", "", "HELLO", true],
    ["a(?i)b", "", "aB", true],
    ["a(?i)b", "", "AB", false],
    ["(?i:a)b", "", "Ab", true],
    ["(?i:a)b", "", "AB", false],
    ["(?s).", "", "\n", true],
    ["(?m)^b", "", "a\nb", true],
    ["(?i)a(?-i)b", "", "Ab", true],
    ["(?i)a(?-i)b", "", "AB", false],
    ["\\Aab\\z", "", "ab", true],
    ["[[:digit:]]+", "", "x42", true],
    ["[[:^alpha:]]", "", "abc", false],
    ["[[:alpha:][:digit:]]+$", "", "a1", true],
    ["a{,2}", "", "a{,2}", true],
    ["x{", "", "x{", true],
    ["a]}", "", "a]}", true],
    ['\\#\\:\\ \\"', "", '#: "', true],
  ])("/%s/%s on %j → %s", (pattern, flags, input, expected) => {
    expect(regex(pattern, flags).test(input)).toBe(expected);
  });
});

describe("rejections", () => {
  it.each([
    ["(a)\\1", "backreferences are not supported (\\1 at position 3)"],
    ["(?<n>a)\\k<n>", "backreferences are not supported (\\k<…> at position 7)"],
    ["(?P=n)", "backreferences and subroutine calls are not supported"],
    ["[\\1]", "backreferences are not supported (\\1 at position 1)"],
    ["a(?=b)", "lookahead assertions are not supported ((?= at position 1)"],
    ["a(?!b)", "lookahead assertions are not supported ((?! at position 1)"],
    ["(?<=a)b", "lookbehind assertions are not supported ((?<= at position 0)"],
    ["(?<!a)b", "lookbehind assertions are not supported ((?<! at position 0)"],
    ["(?>a+)b", "atomic groups are not supported ((?> at position 0)"],
    ["a*+", "possessive quantifiers are not supported (*+ at position 1)"],
    ["a++b", "possessive quantifiers are not supported (++ at position 1)"],
    ["a{2}+", "possessive quantifiers are not supported ({2}+ at position 1)"],
    ["(ab", "missing ')' for the group opened at position 0"],
    ["a(b(c)", "missing ')' for the group opened at position 1"],
    ["ab)", "unmatched ')' at position 2"],
    ["[z-a]", "invalid range z-a at position 1 (out of order)"],
    ["[\\d-z]", "invalid range in character class at position 1"],
    ["[abc", "missing ']' for the character class opened at position 0"],
    ["a{1001}", "repetition count 1001 exceeds the limit of 1000 at position 1"],
    ["a{1,5000}", "repetition count 5000 exceeds the limit of 1000 at position 1"],
    ["a{3,2}", "invalid repetition range {3,2} at position 1 (minimum greater than maximum)"],
    ["(?:a{1000}){30}", "repetition {30} at position 11 expands to 30000 instructions, more than the limit of 20000"],
    ["x(?:(?:a{100}){300})", "repetition {300} at position 14 expands to 30000 instructions"],
    ["*a", "nothing to repeat at position 0"],
    ["a|+", "nothing to repeat at position 2"],
    ["a**", "nothing to repeat at position 2"],
    ["a{2}{3}", "nothing to repeat at position 4"],
    ["^*", "nothing to repeat at position 1"],
    ["\\b+", "nothing to repeat at position 2"],
    ["{2}", "nothing to repeat at position 0"],
    ["a\\", "pattern ends with a lone backslash at position 1"],
    ["\\q", "invalid escape \\q at position 0"],
    ["\\xZZ", "invalid escape \\x at position 0 (expected two hex digits)"],
    ["\\u12", "invalid escape \\u at position 0"],
    ["\\u{110000}", "invalid escape \\u{…} at position 0"],
    ["\\p{L}", "Unicode property escapes (\\p{…}) are not supported (at position 0)"],
    ["\\01", "octal escapes are not supported (at position 0)"],
    ["(?<1a>x)", "invalid group name at position 3"],
    ["(?<a>x)(?<a>y)", "duplicate group name 'a' at position 10"],
    ["(?x)a", "unknown flag 'x' in '(?x)' at position 0 (supported: i, m, s)"],
    ["(?#comment)", "unsupported group syntax '(?#' at position 0"],
    ["[[:foo:]]", "unknown POSIX class [:foo:] at position 1"],
  ])("%s → %s", (pattern, expected) => {
    expect(reason(pattern)).toContain(expected);
  });

  it("rejects long patterns, bad flags, and too-large programs", () => {
    expect(reason("a".repeat(2001))).toBe("pattern is longer than 2000 characters");
    expect(reason("a".repeat(2000))).toBe("(compiled)");
    expect(reason("a", "y")).toContain("unsupported flag 'y'");
    expect(reason("a", "ii")).toBe("duplicate flag 'i'");
    // 22 × 1000 instructions, no single repetition over the limit.
    expect(reason("a{1000}".repeat(21))).toBe("pattern compiles to 21003 instructions, more than the limit of 20000");
  });

  it("limits group nesting", () => {
    expect(reason(`${"(".repeat(501)}a${")".repeat(501)}`)).toBe("groups nest more than 500 deep at position 500");
    expect(reason(`${"(".repeat(500)}a${")".repeat(500)}`)).toBe("(compiled)");
  });

  it("never throws, whatever the input", () => {
    for (const p of ["(", ")", "[", "]", "{", "}", "\\", "(?", "(?<", "(?P", "[^", "[a-", "a{1,", "(?i", "\ud800", "\\u{", "\\c", "(?-"]) {
      expect(() => compileSafeRegex(p)).not.toThrow();
    }
  });
});

describe("linear time", () => {
  it("hands over to the Pike VM when the backtracker's stack would pass its limit", () => {
    const re = impl("(?:ab|cd)*(x)");
    re.engine = "backtrack"; // forced even though the input is over the backtracker's budget
    // Two choice points (4 ints) per "ab": 2.2 M characters push past the 4 Mi-int stack limit.
    const input = `${"ab".repeat(1_100_000)}x`;
    expect(shape(re.exec(input))).toEqual({ index: 0, end: input.length, groups: [input, "x"] });
    expect(re.test(input.slice(0, -1))).toBe(false);
  }, 60_000);

  it("(a+)+$ and friends: twice the input costs at most about twice the work, on both engines (steps counted)", () => {
    const work = (re: SafeRegexImpl, input: string) => {
      const before = matcherSteps();
      expect(re.test(input)).toBe(false);
      expect(re.exec(input)).toBeNull();
      return matcherSteps() - before;
    };
    for (const p of ["(a+)+$", "(a|aa)+$", "(a*)*c", "(?:a|a)*c", "(a|a?)+c", "(.*a){20}c", "(x+x+)+y"]) {
      const re = impl(p);
      const fill = p.startsWith("(x") ? "x" : "a";
      for (const engine of ["backtrack", "pike"] as const) {
        re.engine = engine;
        const small = work(re, `${fill.repeat(10_000)}b`);
        const large = work(re, `${fill.repeat(20_000)}b`);
        // Linear: the ratio is 2 (give or take the per-search constant); quadratic would be 4, exponential unbounded.
        expect(large / small, `${p} on the ${engine} engine: work ${small} → ${large}`).toBeLessThan(2.2);
      }
    }
  });
});
