import type { ScalarKind, SchemaNode } from "@outflow/pipeline/formats/schema-tree";
import type { TemplateField } from "@outflow/schemas/api/index-template";
import { ISO_FORMAT } from "./index-template";

/** How the task's registry format writes the values whose type depends on a choice (JSON Schema: ISO, as written). */
export type SchemaValueChoices = { timestamps: "iso" | "epoch_millis"; decimals: "string" | "number" };

/** The most significant digits any decimal may have and still come back the same from a double (IEEE 754: 15). */
const DOUBLE_EXACT_DIGITS = 15;

type Proposal = Omit<TemplateField, "name">;

function scalarProposal(node: Extract<SchemaNode, { kind: "scalar" }>, choices: SchemaValueChoices): Proposal {
  const iso = choices.timestamps === "iso";
  const byKind: Record<ScalarKind, () => Proposal> = {
    integer: () => ({ type: "integer" }),
    long: () => ({ type: "long" }),
    // Past 2^63 a long refuses the document; unsigned_long is not in every distribution (an 8.19 here lacks it).
    // A keyword keeps every value, its digits exact.
    unsigned_long: () => ({ type: "keyword" }),
    float: () => ({ type: "float" }),
    double: () => ({ type: "double" }),
    boolean: () => ({ type: "boolean" }),
    string: () => ({ type: "keyword" }),
    enum: () => ({ type: "keyword" }),
    ip: () => ({ type: "ip" }),
    bytes: () => ({ type: "binary" }),
    timestamp: () => ({ type: "date", format: iso ? ISO_FORMAT : "epoch_millis" }),
    date: () => ({ type: "date", format: iso ? ISO_FORMAT : "epoch_millis" }),
    // A time of day is no date: ISO text (10:15:00.123) is matched whole; milliseconds of the day are a number.
    time: () => (iso ? { type: "keyword" } : node.micros ? { type: "double" } : { type: "integer" }),
    // Exact first. As text the digits stay as written in a keyword. As a number, a double holds every decimal of up
    // to 15 significant digits exactly (and ranges and sums work); past that (or with no precision) it would round
    // them, as would scaled_float (Elasticsearch parses it through a double too), so keyword, which indexes the
    // number's digits as written.
    decimal: () =>
      choices.decimals === "number" && node.precision !== undefined && node.precision <= DOUBLE_EXACT_DIGITS ? { type: "double" } : { type: "keyword" },
  };
  return byKind[node.type]();
}

/**
 * Index template fields from the schema of the records: each leaf field under its dotted name (or joined by the
 * flatten separator when the parse flattens), its type from the schema: records nest, arrays take their
 * elements' type; maps (their keys are data), values of mixed type and nulls propose nothing. Sorted by name.
 */
export function schemaTemplateFields(root: SchemaNode, choices: SchemaValueChoices, separator = "."): TemplateField[] {
  const out = new Map<string, Proposal>();
  const walk = (node: SchemaNode, name: string) => {
    switch (node.kind) {
      case "record":
        for (const f of node.fields) {
          walk(f.node, name === "" ? f.name : `${name}${separator}${f.name}`);
        }
        return;
      case "array":
        walk(node.items, name);
        return;
      case "scalar":
        if (name !== "") {
          out.set(name, scalarProposal(node, choices));
        }
        return;
      default:
        return;
    }
  };
  walk(root, "");
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, p]) => ({ name, ...p }));
}

/**
 * The record a Debezium CDC task writes: the envelope's `after` (its row), when the schema is an envelope;
 * the record itself otherwise.
 */
export function cdcRow(root: SchemaNode): SchemaNode {
  const after = root.kind === "record" ? root.fields.find((f) => f.name === "after") : undefined;
  return after?.node.kind === "record" ? after.node : root;
}

/**
 * The fields proposed from the previewed documents, with the schema's type wherever the schema knows the field
 * (a value only shows what one sample happened to hold: `3` could be a double's). A string the values show as prose
 * stays text (the schema says only string). With no previewed document, the schema's fields.
 */
export function withSchemaTypes(fromValues: TemplateField[], fromSchema: TemplateField[]): TemplateField[] {
  if (fromValues.length === 0) {
    return fromSchema;
  }
  const known = new Map(fromSchema.map((f) => [f.name, f]));
  return fromValues.map((f) => {
    const s = known.get(f.name);
    return !s || (s.type === "keyword" && f.type === "text") ? f : s;
  });
}
