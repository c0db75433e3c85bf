import { describe, expect, it } from "vitest";
import { decodeJsonValue, toBase64, wrapRaw } from "./decode-value";
import { bytes } from "./test-fixtures";

describe("decodeJsonValue", () => {
  it("reads a JSON object", () => {
    expect(decodeJsonValue(bytes('{"a":1,"b":[true,null]}'))).toEqual({ kind: "object", record: { a: 1, b: [true, null] } });
    expect(decodeJsonValue(bytes(' \n{"a":"é"}\t'))).toEqual({ kind: "object", record: { a: "é" } });
  });

  it("treats null bytes as a tombstone", () => {
    expect(decodeJsonValue(null)).toEqual({ kind: "tombstone" });
  });

  it.each([
    ["empty", new Uint8Array(), "empty value", ""],
    ["invalid JSON", bytes("{not json"), "invalid JSON: ", "{not json"],
    ["plain text", bytes("hello world"), "invalid JSON: ", "hello world"],
    ["an array", bytes("[1,2]"), "JSON value is an array, not an object", "[1,2]"],
    ["a number", bytes("42"), "JSON value is a number, not an object", "42"],
    ["a string", bytes('"s"'), "JSON value is a string, not an object", '"s"'],
    ["a boolean", bytes("true"), "JSON value is a boolean, not an object", "true"],
    ["JSON null", bytes("null"), "JSON value is null, not an object", "null"],
    ["whitespace", bytes("   "), "invalid JSON: ", "   "],
    ["binary", new Uint8Array([0xff, 0xfe, 0x00, 0x01]), "value is not valid UTF-8 (binary data)", null],
    ["truncated UTF-8", new Uint8Array([0x7b, 0xe6, 0x97]), "value is not valid UTF-8 (binary data)", null],
  ])("%s → not_json with a reason", (_, value, reason, text) => {
    const d = decodeJsonValue(value);
    expect(d.kind).toBe("not_json");
    if (d.kind === "not_json") {
      expect(d.reason).toContain(reason);
      if (text !== null) {
        expect(d.text).toBe(text);
      }
    }
  });

  it("rejects absurdly deep nesting (it would overflow the stack when serialised for the bulk request)", () => {
    for (const open of ["[", '{"a":']) {
      const close = open === "[" ? "]" : "}";
      const d = decodeJsonValue(bytes(`{"a":${open.repeat(100_000)}1${close.repeat(100_000)}}`));
      expect(d.kind).toBe("not_json");
      expect(d.kind === "not_json" && d.reason).toContain("nested too deeply");
    }
  });

  it("accepts nesting up to the limit", () => {
    const depth = 500;
    const d = decodeJsonValue(bytes(`{"a":${"[".repeat(depth)}${"]".repeat(depth)}}`));
    expect(d.kind).toBe("object");
  });

  it("keeps a __proto__ key as data", () => {
    const d = decodeJsonValue(bytes('{"__proto__":{"x":1}}'));
    expect(d.kind).toBe("object");
    if (d.kind === "object") {
      expect(Object.hasOwn(d.record, "__proto__")).toBe(true);
      expect(Object.getPrototypeOf(d.record)).toBe(Object.prototype);
    }
  });
});

describe("wrapRaw and toBase64", () => {
  it("wraps text under the key", () => {
    expect(wrapRaw("raw", "hello", bytes("hello"))).toEqual({ raw: "hello" });
    expect(wrapRaw("raw", "", new Uint8Array())).toEqual({ raw: "" });
  });

  it("wraps binary as base64 and says so", () => {
    expect(wrapRaw("raw", null, new Uint8Array([0xff, 0xfe, 0x00]))).toEqual({ raw: "//4A", raw_encoding: "base64" });
  });

  it.each([
    [[], ""],
    [[0x66], "Zg=="],
    [[0x66, 0x6f], "Zm8="],
    [[0x66, 0x6f, 0x6f], "Zm9v"],
    [[0x66, 0x6f, 0x6f, 0x62, 0x61, 0x72], "Zm9vYmFy"],
    [[0xfb, 0xff, 0xbf], "+/+/"],
    [[0, 0, 0, 0], "AAAAAA=="],
  ])("toBase64(%j) = %s", (input, expected) => {
    expect(toBase64(new Uint8Array(input))).toBe(expected);
  });

  it("agrees with btoa on arbitrary bytes", () => {
    const data = Uint8Array.from({ length: 257 }, (_, i) => (i * 37) % 256);
    expect(toBase64(data)).toBe(btoa(String.fromCharCode(...data)));
  });
});
