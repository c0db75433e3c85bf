import { describe, expect, it } from "vitest";
import { decodeValue, toBase64, wrapRaw } from "./decode-value";
import { jsonParser } from "./formats/json-formats";
import { bytes } from "./test-fixtures";

/** A message value through the JSON format, as the worker decodes it. */
const decodeJson = (value: Uint8Array | null) => decodeValue(value, jsonParser);

describe("decodeValue with the JSON format", () => {
  it("reads a JSON object", () => {
    expect(decodeJson(bytes('{"a":1,"b":[true,null]}'))).toEqual({ kind: "records", records: [{ a: 1, b: [true, null] }], text: '{"a":1,"b":[true,null]}' });
    expect(decodeJson(bytes(' \n{"a":"é"}\t'))).toMatchObject({ kind: "records", records: [{ a: "é" }] });
  });

  it("treats null bytes as a tombstone", () => {
    expect(decodeJson(null)).toEqual({ kind: "tombstone" });
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
  ])("%s → unparseable with a reason", (_, value, reason, text) => {
    const d = decodeJson(value);
    expect(d.kind).toBe("unparseable");
    if (d.kind === "unparseable") {
      expect(d.reason).toContain(reason);
      if (text !== null) {
        expect(d.text).toBe(text);
      }
    }
  });

  it("rejects absurdly deep nesting (it would overflow the stack when serialised for the bulk request)", () => {
    for (const open of ["[", '{"a":']) {
      const close = open === "[" ? "]" : "}";
      const d = decodeJson(bytes(`{"a":${open.repeat(100_000)}1${close.repeat(100_000)}}`));
      expect(d.kind).toBe("unparseable");
      expect(d.kind === "unparseable" && d.reason).toContain("nested too deeply");
    }
  });

  it("accepts nesting up to the limit", () => {
    const depth = 500;
    const d = decodeJson(bytes(`{"a":${"[".repeat(depth)}${"]".repeat(depth)}}`));
    expect(d.kind).toBe("records");
  });

  it("keeps a __proto__ key as data", () => {
    const d = decodeJson(bytes('{"__proto__":{"x":1}}'));
    expect(d.kind).toBe("records");
    if (d.kind === "records") {
      const record = d.records[0] as Record<string, unknown>;
      expect(Object.hasOwn(record, "__proto__")).toBe(true);
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
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
