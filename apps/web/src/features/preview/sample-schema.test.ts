import { frame } from "@outflow/pipeline/formats/registry-wire";
import { describe, expect, it } from "vitest";
import type { SampleMessage } from "./preview-schemas";
import { registryFormatOf, sampleSchemaRef } from "./sample-schema";

const base64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const sample = (value: Uint8Array | string | null): SampleMessage => ({
  topic: "t",
  partition: 0,
  offset: "0",
  key: null,
  value: value === null || typeof value === "string" ? value : base64(value),
  valueEncoding: value instanceof Uint8Array ? "base64" : "utf8",
  headers: {},
});
const AVRO = { type: "avro", timestamps: "iso", decimals: "string", unions: "plain" } as const;

describe("sampleSchemaRef", () => {
  it("the highest schema id among the framed values, whether their bodies decode or not", () => {
    const samples = [
      sample(frame(7, Uint8Array.of(1, 2))),
      sample("{not framed}"),
      sample(null),
      sample(frame(12, Uint8Array.of(0xff))),
      sample(frame(9, new Uint8Array())),
    ];
    expect(sampleSchemaRef(samples, AVRO)).toEqual({ id: 12, indexes: [] });
  });

  it("Protobuf: the message indexes the value names", () => {
    expect(sampleSchemaRef([sample(frame(3, Uint8Array.of(8, 1), [1, 2]))], { type: "protobuf", timestamps: "iso" })).toEqual({ id: 3, indexes: [1, 2] });
    expect(sampleSchemaRef([sample(frame(3, Uint8Array.of(8, 1), [0]))], { type: "protobuf", timestamps: "iso" })).toEqual({ id: 3, indexes: [0] });
  });

  it("null when no value is framed", () => {
    expect(sampleSchemaRef([sample('{"a":1}'), sample(null)], AVRO)).toBeNull();
  });
});

describe("registryFormatOf", () => {
  it("a registry format with its defaults; null for the others", () => {
    expect(registryFormatOf({ type: "avro" })).toEqual(AVRO);
    expect(registryFormatOf({ type: "json_schema" })).toEqual({ type: "json_schema" });
    expect(registryFormatOf({ type: "json" })).toBeNull();
    expect(registryFormatOf("json")).toBeNull();
  });
});
