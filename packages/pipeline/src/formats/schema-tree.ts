import type { RegistryFormat } from "@outflow/schemas/formats";
import protobuf from "protobufjs";
import { messageAt, protobufMessageTypes } from "./protobuf-decode";
import type { RegistrySchema } from "./schema-book";

/**
 * A schema's types as the decoders put them in a record. `integer` is 32-bit, `long` signed 64-bit, `unsigned_long`
 * unsigned 64-bit; `timestamp`, `date` and `time` follow the format's timestamp choice (JSON Schema's are ISO
 * text); `decimal` its decimal choice; `bytes` are base64 text.
 */
export type ScalarKind =
  | "integer"
  | "long"
  | "unsigned_long"
  | "float"
  | "double"
  | "boolean"
  | "string"
  | "ip"
  | "bytes"
  | "enum"
  | "timestamp"
  | "date"
  | "time"
  | "decimal";

export type SchemaField = { name: string; node: SchemaNode };

/**
 * A decoded record's shape. `map`: keys are data, not fields; `mixed`: a value of several types (a union of
 * several branches read plainly, JSON Schema without a type); `null`: always null.
 */
export type SchemaNode =
  | { kind: "record"; fields: SchemaField[] }
  | { kind: "array"; items: SchemaNode }
  | { kind: "map" }
  | { kind: "mixed" }
  | { kind: "null" }
  | { kind: "scalar"; type: ScalarKind; precision?: number; micros?: boolean };

/** Levels of nesting followed: a record that holds itself stops here (as the value proposal's walk does). */
const MAX_DEPTH = 12;
const NULL: SchemaNode = { kind: "null" };
const MIXED: SchemaNode = { kind: "mixed" };
const scalar = (type: ScalarKind, more: { precision?: number; micros?: boolean } = {}): SchemaNode => ({ kind: "scalar", type, ...more });

/**
 * The shape of the records a registry format decodes from messages carrying `schema`: Protobuf's message
 * indexes pick the message type (`[0]`, the first, when unknown). Throws when the schema does not parse.
 */
export function schemaTree(schema: RegistrySchema, format: RegistryFormat, indexes: readonly number[] = [0]): SchemaNode {
  switch (format.type) {
    case "avro":
      return avroTree(schema, format.unions);
    case "protobuf":
      return protobufTree(schema, indexes.length > 0 ? indexes : [0]);
    case "json_schema":
      return jsonSchemaTree(schema);
  }
}

// ---- Avro

type AvroSchema = string | AvroSchema[] | { type: unknown; [k: string]: unknown };
type Named = { type: string; name: string; namespace?: string; [k: string]: unknown };

const AVRO_PRIMITIVES: Record<string, SchemaNode> = {
  null: NULL,
  boolean: scalar("boolean"),
  int: scalar("integer"),
  long: scalar("long"),
  float: scalar("float"),
  double: scalar("double"),
  bytes: scalar("bytes"),
  string: scalar("string"),
};
const NAMED_TYPES = new Set(["record", "error", "enum", "fixed"]);

function fullName(name: string, namespace: string | undefined): string {
  return name.includes(".") || !namespace ? name : `${namespace}.${name}`;
}

function namespaceOf(name: string): string | undefined {
  const at = name.lastIndexOf(".");
  return at > 0 ? name.slice(0, at) : undefined;
}

function avroTree(schema: RegistrySchema, unions: "plain" | "wrapped"): SchemaNode {
  const named = new Map<string, { schema: Named; namespace: string | undefined }>();
  // Every named type first (references, then the schema): a field may name a type defined deeper or elsewhere.
  const collect = (s: unknown, ns: string | undefined) => {
    if (Array.isArray(s)) {
      for (const b of s) {
        collect(b, ns);
      }
      return;
    }
    if (typeof s !== "object" || s === null) {
      return;
    }
    const o = s as { type?: unknown; name?: unknown; namespace?: unknown; fields?: unknown; items?: unknown; values?: unknown };
    let inner = ns;
    if (typeof o.type === "string" && NAMED_TYPES.has(o.type) && typeof o.name === "string") {
      const full = fullName(o.name, typeof o.namespace === "string" ? o.namespace : ns);
      named.set(full, { schema: o as Named, namespace: namespaceOf(full) });
      inner = namespaceOf(full);
    } else if (typeof o.type === "object") {
      collect(o.type, ns);
    }
    for (const f of Array.isArray(o.fields) ? o.fields : []) {
      collect((f as { type?: unknown }).type, inner);
    }
    collect(o.items, inner);
    collect(o.values, inner);
  };
  for (const ref of schema.references ?? []) {
    collect(JSON.parse(ref.schema), undefined);
  }
  const root = JSON.parse(schema.schema) as AvroSchema;
  collect(root, undefined);

  const lookup = (name: string, ns: string | undefined) => named.get(fullName(name, ns)) ?? named.get(name);
  /** avsc's name for a union branch (the key of a wrapped union's value). */
  const branchName = (s: AvroSchema, ns: string | undefined): string => {
    if (typeof s === "string") {
      const found = AVRO_PRIMITIVES[s] ? undefined : lookup(s, ns);
      return found ? fullName(found.schema.name, found.schema.namespace ?? found.namespace) : s;
    }
    if (Array.isArray(s)) {
      return "union";
    }
    if (typeof s.type !== "string") {
      return branchName(s.type as AvroSchema, ns);
    }
    return NAMED_TYPES.has(s.type) && typeof s.name === "string" ? fullName(s.name, typeof s.namespace === "string" ? s.namespace : ns) : s.type;
  };

  const node = (s: AvroSchema, ns: string | undefined, depth: number): SchemaNode => {
    if (depth > MAX_DEPTH) {
      return MIXED;
    }
    if (typeof s === "string") {
      const primitive = AVRO_PRIMITIVES[s];
      if (primitive) {
        return primitive;
      }
      const found = lookup(s, ns);
      return found ? node(found.schema as AvroSchema, found.namespace, depth) : MIXED;
    }
    if (Array.isArray(s)) {
      const branches = s.filter((b) => b !== "null");
      if (unions === "wrapped") {
        return { kind: "record", fields: branches.map((b) => ({ name: branchName(b, ns), node: node(b, ns, depth + 1) })) };
      }
      const only = branches[0];
      return branches.length === 0 ? NULL : branches.length === 1 && only !== undefined ? node(only, ns, depth) : MIXED;
    }
    if (typeof s.type !== "string") {
      return node(s.type as AvroSchema, ns, depth);
    }
    const logical = avroLogical(s as { type: string; [k: string]: unknown });
    if (logical) {
      return logical;
    }
    switch (s.type) {
      case "record":
      case "error": {
        const inner = namespaceOf(fullName(String(s.name), typeof s.namespace === "string" ? s.namespace : ns));
        const fields = (Array.isArray(s.fields) ? s.fields : []) as { name: string; type: AvroSchema }[];
        return { kind: "record", fields: fields.map((f) => ({ name: f.name, node: node(f.type, inner, depth + 1) })) };
      }
      case "enum":
        return scalar("enum");
      case "fixed":
        return scalar("bytes");
      case "array":
        return { kind: "array", items: node(s.items as AvroSchema, ns, depth + 1) };
      case "map":
        return { kind: "map" };
      default:
        return node(s.type, ns, depth);
    }
  };
  return node(root, undefined, 0);
}

/** A logical type the decoder renders its own way (those on the wrong underlying type are read as that type, as avsc does). */
function avroLogical(s: { type: string; [k: string]: unknown }): SchemaNode | null {
  const on = (...types: string[]) => types.includes(s.type);
  switch (s.logicalType) {
    case "timestamp-millis":
    case "local-timestamp-millis":
      return on("long") ? scalar("timestamp") : null;
    case "timestamp-micros":
    case "local-timestamp-micros":
      return on("long") ? scalar("timestamp", { micros: true }) : null;
    case "date":
      return on("int") ? scalar("date") : null;
    case "time-millis":
      return on("int") ? scalar("time") : null;
    case "time-micros":
      return on("long") ? scalar("time", { micros: true }) : null;
    case "decimal":
      return on("bytes", "fixed") ? scalar("decimal", typeof s.precision === "number" ? { precision: s.precision } : {}) : null;
    default:
      return null;
  }
}

// ---- Protobuf

const PROTOBUF_SCALARS: Record<string, ScalarKind> = {
  double: "double",
  float: "float",
  int32: "integer",
  sint32: "integer",
  sfixed32: "integer",
  // Unsigned 32-bit values pass 2^31: an integer field would refuse them.
  uint32: "long",
  fixed32: "long",
  int64: "long",
  sint64: "long",
  sfixed64: "long",
  uint64: "unsigned_long",
  fixed64: "unsigned_long",
  bool: "boolean",
  string: "string",
  bytes: "bytes",
};

function protobufTree(schema: RegistrySchema, indexes: readonly number[]): SchemaNode {
  const message = (type: protobuf.Type, depth: number): SchemaNode => {
    if (type.fullName === ".google.protobuf.Timestamp") {
      return scalar("timestamp");
    }
    if (depth > MAX_DEPTH) {
      return MIXED;
    }
    return {
      kind: "record",
      fields: type.fieldsArray.map((f) => {
        const one = field(f, depth);
        return { name: f.name, node: f.map ? { kind: "map" } : f.repeated ? { kind: "array", items: one } : one };
      }),
    };
  };
  const field = (f: protobuf.Field, depth: number): SchemaNode => {
    const resolved = f.resolvedType;
    if (resolved instanceof protobuf.Type) {
      return message(resolved, depth + 1);
    }
    if (resolved instanceof protobuf.Enum) {
      return scalar("enum");
    }
    const kind = PROTOBUF_SCALARS[f.type];
    return kind ? scalar(kind) : MIXED;
  };
  return message(messageAt(protobufMessageTypes(schema), indexes), 0);
}

// ---- JSON Schema

type JsonSchema = boolean | { [k: string]: unknown };

const STRING_FORMATS: Record<string, ScalarKind> = { "date-time": "timestamp", date: "date", time: "time", ipv4: "ip", ipv6: "ip" };

function jsonSchemaTree(schema: RegistrySchema): SchemaNode {
  const root = JSON.parse(schema.schema) as JsonSchema;
  const references = new Map((schema.references ?? []).map((r) => [r.name, JSON.parse(r.schema) as JsonSchema]));
  /** `#/$defs/x` in the schema, or a reference's name (optionally with a `#/…` pointer into it). */
  const resolve = (ref: string, doc: JsonSchema): { s: JsonSchema; doc: JsonSchema } | null => {
    const [file, pointer = ""] = ref.split("#", 2) as [string, string?];
    const base = file === "" ? doc : references.get(file);
    if (base === undefined) {
      return null;
    }
    let at: unknown = base;
    for (const part of pointer.split("/").filter(Boolean)) {
      const key = decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~");
      at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[key] : undefined;
    }
    return at === undefined ? null : { s: at as JsonSchema, doc: base };
  };
  const oneOf = (branches: JsonSchema[], doc: JsonSchema, depth: number): SchemaNode => {
    const nodes = branches.map((b) => node(b, doc, depth)).filter((n) => n.kind !== "null");
    const first = nodes[0];
    return nodes.length === 0 ? NULL : nodes.length === 1 && first ? first : MIXED;
  };
  const node = (s: JsonSchema, doc: JsonSchema, depth: number): SchemaNode => {
    if (typeof s !== "object" || depth > MAX_DEPTH) {
      return MIXED;
    }
    if (typeof s.$ref === "string") {
      const target = resolve(s.$ref, doc);
      return target ? node(target.s, target.doc, depth + 1) : MIXED;
    }
    for (const key of ["anyOf", "oneOf"]) {
      if (Array.isArray(s[key])) {
        return oneOf(s[key] as JsonSchema[], doc, depth + 1);
      }
    }
    if (Array.isArray(s.allOf)) {
      // The branches together describe one value: their records' fields together.
      const parts = (s.allOf as JsonSchema[]).map((b) => node(b, doc, depth + 1));
      const records = parts.filter((p) => p.kind === "record");
      if (records.length > 0) {
        return { kind: "record", fields: records.flatMap((r) => r.fields) };
      }
      return parts.find((p) => p.kind !== "mixed") ?? MIXED;
    }
    const types = Array.isArray(s.type) ? (s.type as unknown[]).filter((t) => t !== "null") : [s.type];
    if (types.length === 0) {
      return NULL;
    }
    if (types.length > 1) {
      return MIXED;
    }
    switch (types[0]) {
      case "object":
        return objectNode(s, doc, depth);
      case "array":
        return { kind: "array", items: typeof s.items === "object" && !Array.isArray(s.items) ? node(s.items as JsonSchema, doc, depth + 1) : MIXED };
      case "integer":
        return scalar("long");
      case "number":
        return scalar("double");
      case "boolean":
        return scalar("boolean");
      case "null":
        return NULL;
      case "string":
        return scalar((typeof s.format === "string" && STRING_FORMATS[s.format]) || (Array.isArray(s.enum) ? "enum" : "string"));
      default:
        return s.properties ? objectNode(s, doc, depth) : MIXED;
    }
  };
  const objectNode = (s: Record<string, unknown>, doc: JsonSchema, depth: number): SchemaNode => {
    const props = s.properties;
    if (typeof props !== "object" || props === null) {
      return { kind: "map" };
    }
    return {
      kind: "record",
      fields: Object.entries(props as Record<string, JsonSchema>).map(([name, p]) => ({ name, node: node(p, doc, depth + 1) })),
    };
  };
  return node(root, root, 0);
}
