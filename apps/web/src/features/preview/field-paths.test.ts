import type { SchemaNode } from "@outflow/pipeline/formats/schema-tree";
import { describe, expect, it } from "vitest";
import { fieldPaths, schemaFieldPaths, unitePaths } from "./field-paths";

describe("fieldPaths", () => {
  it("lists every field of the sampled documents once, nested ones with their parents, sorted", () => {
    const docs = [
      { level: "info", user: { id: 7, geo: { city: "Lyon" } }, tags: ["a", { x: 1 }] },
      { level: "warn", "@timestamp": "t", user: null, "a b": 1 },
      "not json",
      null,
    ];
    expect(fieldPaths(docs)).toEqual(["$.@timestamp", "$.level", "$.tags", "$.user", "$.user.geo", "$.user.geo.city", "$.user.id", '$["a b"]']);
  });

  it("stops at the bound", () => {
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, i]));
    expect(fieldPaths([wide], 5)).toHaveLength(5);
  });
});

describe("schemaFieldPaths", () => {
  const root: SchemaNode = {
    kind: "record",
    fields: [
      { name: "id", node: { kind: "scalar", type: "long" } },
      {
        name: "customer",
        node: { kind: "record", fields: [{ name: "geo", node: { kind: "record", fields: [{ name: "city", node: { kind: "scalar", type: "string" } }] } }] },
      },
      { name: "lines", node: { kind: "array", items: { kind: "record", fields: [{ name: "qty", node: { kind: "scalar", type: "integer" } }] } } },
      { name: "counts", node: { kind: "map" } },
      { name: "a b", node: { kind: "scalar", type: "string" } },
    ],
  };

  it("names the schema's fields as fieldPaths names a decoded record's: records and their fields, arrays and maps as one path", () => {
    const paths = schemaFieldPaths(root);
    expect(paths).toEqual(["$.counts", "$.customer", "$.customer.geo", "$.customer.geo.city", "$.id", "$.lines", '$["a b"]']);
    const decoded = { id: 1, customer: { geo: { city: "Lyon" } }, lines: [{ qty: 1 }], counts: {}, "a b": "" };
    expect(paths).toEqual(fieldPaths([decoded]));
  });

  it("with the parse's flatten separator, nested fields are one key each, as in the flattened record", () => {
    expect(schemaFieldPaths(root, ".")).toEqual(["$.counts", "$.id", "$.lines", '$["a b"]', '$["customer.geo.city"]']);
    expect(schemaFieldPaths(root, "_")).toEqual(["$.counts", "$.customer_geo_city", "$.id", "$.lines", '$["a b"]']);
  });

  it("stops at the bound", () => {
    expect(schemaFieldPaths(root, undefined, 2)).toHaveLength(2);
  });
});

describe("unitePaths", () => {
  it("both lists, each path once, sorted", () => {
    expect(unitePaths(["$.b", "$.a"], ["$.c", "$.a"])).toEqual(["$.a", "$.b", "$.c"]);
  });
});
