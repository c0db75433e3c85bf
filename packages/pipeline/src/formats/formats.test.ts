import { describe, expect, it } from "vitest";
import { delimitedParser } from "./delimited";
import { jsonArrayParser } from "./json-formats";
import { keyValueParser } from "./key-value";
import { grokParser, regexParser } from "./pattern-formats";

describe("delimited", () => {
  it.each([
    [{ separator: ",", trim: false }, "a,b,,c\n", [{ _1: "a", _2: "b", _3: "", _4: "c" }]],
    [{ separator: "\t", columns: ["ip", "path"], trim: false }, "1.2.3.4\t/x", [{ ip: "1.2.3.4", path: "/x" }]],
    [{ separator: ",", quote: '"', trim: false }, 'x,"a, ""quoted"" b",y', [{ _1: "x", _2: 'a, "quoted" b', _3: "y" }]],
    [{ separator: " | ", trim: true }, " a |  b ", [{ _1: "a", _2: "b" }]],
    [{ separator: ";", trim: false }, "one", [{ _1: "one" }]],
  ])("%j on %j", (opts, line, records) => {
    expect(delimitedParser(opts)(line)).toEqual({ ok: true, records });
  });

  it.each([
    [{ separator: ",", columns: ["a", "b"], trim: false }, "1,2,3", "expected 2 columns (a, b), got 3"],
    [{ separator: ",", columns: ["a", "b", "c"], trim: false }, "1,2", "expected 3 columns (a, b, c), got 2"],
    [{ separator: ",", quote: '"', trim: false }, 'a,"open', 'unterminated " quote'],
    [{ separator: ",", trim: false }, "", "empty line"],
  ])("%j on %j fails: %s", (opts, line, reason) => {
    expect(delimitedParser(opts)(line)).toEqual({ ok: false, reason });
  });
});

describe("key-value", () => {
  it.each([
    [{ pairSeparator: "&", kvSeparator: "=", trim: true, prefix: "" }, "a=1&b=x=y&&c=", { a: "1", b: "x=y", c: "" }],
    [{ pairSeparator: ",", kvSeparator: ":", trim: true, prefix: "kv_" }, "a: 1 , b:2", { kv_a: "1", kv_b: "2" }],
    [{ pairSeparator: " ", kvSeparator: "=", trim: false, prefix: "" }, "a=1 a=2", { a: "2" }],
  ])("%j on %j", (opts, text, record) => {
    expect(keyValueParser(opts)(text)).toEqual({ ok: true, records: [record] });
  });

  it("names the bad pair", () => {
    expect(keyValueParser({ pairSeparator: "&", kvSeparator: "=", trim: true, prefix: "" })("a=1&oops")).toEqual({
      ok: false,
      reason: 'pair "oops" has no "="',
    });
    expect(keyValueParser({ pairSeparator: "&", kvSeparator: "=", trim: true, prefix: "" })("=1")).toEqual({ ok: false, reason: 'pair "=1" has no key' });
  });
});

describe("json array", () => {
  it("gives one record per element, or the first, or the object itself", () => {
    expect(jsonArrayParser("each")('[{"a":1},{"a":2}]')).toEqual({ ok: true, records: [{ a: 1 }, { a: 2 }] });
    expect(jsonArrayParser("first")('[{"a":1},{"a":2}]')).toEqual({ ok: true, records: [{ a: 1 }] });
    expect(jsonArrayParser("each")('{"a":1}')).toEqual({ ok: true, records: [{ a: 1 }] });
  });

  it.each([
    ['[{"a":1},2]', "array element 1 is a number, not an object"],
    ["[]", "JSON array is empty"],
    ['"x"', "JSON value is a string, not an array of objects"],
  ])("%s fails: %s", (text, reason) => {
    expect(jsonArrayParser("each")(text)).toEqual({ ok: false, reason });
  });
});

describe("regex and grok formats", () => {
  it("turns named groups into fields", () => {
    const r = regexParser("^(?<level>[A-Z]+) \\[(?<svc>[^\\]]+)\\] (?<msg>.*)$");
    if (!r.ok) {
      throw new Error(r.reason);
    }
    expect(r.parser("WARN [billing] disk at 91%")).toEqual({ ok: true, records: [{ level: "WARN", svc: "billing", msg: "disk at 91%" }] });
    expect(r.parser("nope")).toEqual({ ok: false, reason: "the value does not match the pattern" });
  });

  it("refuses patterns without named groups, and backtracking constructs, with a reason", () => {
    expect(regexParser("(a)(b)")).toMatchObject({ ok: false, reason: expect.stringContaining("name at least one group") });
    expect(regexParser("(?<a>x)\\1")).toMatchObject({ ok: false, reason: expect.stringContaining("invalid regular expression") });
    expect(regexParser("(?<a>x)(?=y)")).toMatchObject({ ok: false });
  });

  it("parses an nginx access line with the preset, typed and nested", () => {
    const g = grokParser("nginx_combined", {});
    if (!g.ok) {
      throw new Error(g.reason);
    }
    const line = '203.0.113.9 - alice [23/Nov/2026:10:15:32 +0800] "GET /api/orders?id=7 HTTP/1.1" 200 5123 "https://shop.example/" "Mozilla/5.0"';
    const r = g.parser(line);
    expect(r.ok).toBe(true);
    const rec = (r as { records: Record<string, unknown>[] }).records[0];
    expect(rec).toMatchObject({
      clientip: "203.0.113.9",
      auth: "alice",
      verb: "GET",
      request: "/api/orders?id=7",
      response: 200,
      bytes: 5123,
      timestamp: "23/Nov/2026:10:15:32 +0800",
    });
    const custom = grokParser("%{WORD:[http][method]} %{INT:[http][status]:int}", {});
    expect(custom.ok && custom.parser("GET 404")).toEqual({ ok: true, records: [{ http: { method: "GET", status: 404 } }] });
  });

  it("refuses values too long to match", () => {
    const r = regexParser("(?<a>x+)");
    expect(r.ok && r.parser("x".repeat(70_000))).toMatchObject({ ok: false, reason: expect.stringContaining("patterns run on at most") });
  });
});
