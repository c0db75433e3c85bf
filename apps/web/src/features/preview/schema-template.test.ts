import type { SchemaNode } from "@outflow/pipeline/formats/schema-tree";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { EN_MESSAGES } from "../../i18n/messages";
import { ISO_FORMAT, templateMappings } from "./index-template";
import { cdcRow, type SchemaValueChoices, schemaTemplateFields, withSchemaTypes } from "./schema-template";

const templateT = createTranslator({ locale: "en", messages: EN_MESSAGES, namespace: "preview.template" });
const ISO: SchemaValueChoices = { timestamps: "iso", decimals: "string" };
const EPOCH: SchemaValueChoices = { timestamps: "epoch_millis", decimals: "number" };
const leaf = (type: Extract<SchemaNode, { kind: "scalar" }>["type"], more: { precision?: number; micros?: boolean } = {}): SchemaNode => ({
  kind: "scalar",
  type,
  ...more,
});
/** The proposed type (and date format) of a single field `f` of that node. */
const typeOf = (node: SchemaNode, choices = ISO) => {
  const [field, ...rest] = schemaTemplateFields({ kind: "record", fields: [{ name: "f", node }] }, choices);
  expect(rest).toEqual([]);
  return field && { type: field.type, ...(field.format ? { format: field.format } : {}) };
};

describe("schemaTemplateFields: one type per schema type", () => {
  it.each([
    ["integer", "integer"],
    ["long", "long"],
    ["unsigned_long", "keyword"],
    ["float", "float"],
    ["double", "double"],
    ["boolean", "boolean"],
    ["string", "keyword"],
    ["enum", "keyword"],
    ["ip", "ip"],
    ["bytes", "binary"],
  ] as const)("%s → %s", (kind, type) => {
    expect(typeOf(leaf(kind))).toEqual({ type });
  });

  it("timestamps and dates are dates in the format the task writes them", () => {
    expect(typeOf(leaf("timestamp"))).toEqual({ type: "date", format: ISO_FORMAT });
    expect(typeOf(leaf("timestamp", { micros: true }))).toEqual({ type: "date", format: ISO_FORMAT });
    expect(typeOf(leaf("date"))).toEqual({ type: "date", format: ISO_FORMAT });
    expect(typeOf(leaf("timestamp"), EPOCH)).toEqual({ type: "date", format: "epoch_millis" });
    expect(typeOf(leaf("date"), EPOCH)).toEqual({ type: "date", format: "epoch_millis" });
  });

  it("a time of day: ISO text is a keyword, milliseconds of the day a number", () => {
    expect(typeOf(leaf("time"))).toEqual({ type: "keyword" });
    expect(typeOf(leaf("time"), EPOCH)).toEqual({ type: "integer" });
    expect(typeOf(leaf("time", { micros: true }), EPOCH)).toEqual({ type: "double" });
  });

  it("decimals stay exact: text is a keyword; a number a double up to 15 digits, a keyword past them or without a precision", () => {
    expect(typeOf(leaf("decimal", { precision: 9 }))).toEqual({ type: "keyword" });
    expect(typeOf(leaf("decimal", { precision: 15 }), EPOCH)).toEqual({ type: "double" });
    expect(typeOf(leaf("decimal", { precision: 16 }), EPOCH)).toEqual({ type: "keyword" });
    expect(typeOf(leaf("decimal"), EPOCH)).toEqual({ type: "keyword" });
  });

  it("records nest as dotted names (or the flatten separator), arrays take their items' type, maps, mixed and null propose nothing", () => {
    const root: SchemaNode = {
      kind: "record",
      fields: [
        { name: "id", node: leaf("long") },
        {
          name: "customer",
          node: { kind: "record", fields: [{ name: "address", node: { kind: "record", fields: [{ name: "zip", node: leaf("string") }] } }] },
        },
        { name: "lines", node: { kind: "array", items: { kind: "record", fields: [{ name: "qty", node: leaf("integer") }] } } },
        { name: "tags", node: { kind: "array", items: leaf("string") } },
        { name: "counts", node: { kind: "map" } },
        { name: "either", node: { kind: "mixed" } },
        { name: "nothing", node: { kind: "null" } },
      ],
    };
    const fields = schemaTemplateFields(root, ISO);
    expect(fields).toEqual([
      { name: "customer.address.zip", type: "keyword" },
      { name: "id", type: "long" },
      { name: "lines.qty", type: "integer" },
      { name: "tags", type: "keyword" },
    ]);
    expect(templateMappings(fields, templateT)).toMatchObject({
      ok: true,
      mappings: { properties: { customer: { properties: { address: { properties: { zip: { type: "keyword" } } } } } } },
    });
    expect(schemaTemplateFields(root, ISO, "_").map((f) => f.name)).toEqual(["customer_address_zip", "id", "lines_qty", "tags"]);
  });
});

describe("cdcRow", () => {
  it("a Debezium envelope's row is its after record; another record is itself", () => {
    const row: SchemaNode = { kind: "record", fields: [{ name: "id", node: leaf("long") }] };
    const envelope: SchemaNode = {
      kind: "record",
      fields: [
        { name: "before", node: row },
        { name: "after", node: row },
        { name: "op", node: leaf("string") },
      ],
    };
    expect(cdcRow(envelope)).toBe(row);
    expect(cdcRow(row)).toBe(row);
  });
});

describe("withSchemaTypes", () => {
  it("the schema's type wins over a value's guess; prose stays text; fields only the values show keep their guess", () => {
    const values = [
      { name: "amount", type: "long" as const },
      { name: "note", type: "text" as const },
      { name: "code", type: "ip" as const },
      { name: "added", type: "keyword" as const },
    ];
    const schema = [
      { name: "amount", type: "double" as const },
      { name: "note", type: "keyword" as const },
      { name: "code", type: "keyword" as const },
      { name: "unsampled", type: "long" as const },
    ];
    expect(withSchemaTypes(values, schema)).toEqual([
      { name: "amount", type: "double" },
      { name: "note", type: "text" },
      { name: "code", type: "keyword" },
      { name: "added", type: "keyword" },
    ]);
  });

  it("without a previewed document, the schema's fields", () => {
    const schema = [{ name: "amount", type: "double" as const }];
    expect(withSchemaTypes([], schema)).toEqual(schema);
  });
});
