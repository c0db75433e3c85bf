import type { RegistryFormat } from "@outflow/schemas/formats";
import protobuf from "protobufjs";
import descriptor from "protobufjs/ext/descriptor/index.js";
import { toBase64 } from "../decode-value";
import { type ExactNumber, numberFromText } from "../exact-number";
import { assignKey } from "../safe-object";
import { secondsNanosText } from "./registry-time";
import type { BodyDecoder, RegistrySchema } from "./schema-book";

type ProtobufOptions = Extract<RegistryFormat, { type: "protobuf" }>;
type Convert = (v: unknown) => unknown;
type LongLike = { toString(): string } | number;

const LONG_TYPES = new Set(["int64", "uint64", "sint64", "fixed64", "sfixed64"]);

/**
 * The body decoder of a Protobuf schema: `.proto` text or a base64 FileDescriptorProto (what the registry keeps for
 * some clients), references and Google's well-known types imported. The message indexes pick the message type.
 */
export function compileProtobufDecoder(schema: RegistrySchema, opts: ProtobufOptions): BodyDecoder {
  const top = protobufMessageTypes(schema);
  const converters = new Map<protobuf.Type, Convert>();
  return (body, indexes) => {
    const type = messageAt(top, indexes);
    let convert = converters.get(type);
    if (!convert) {
      convert = messageConverter(type, opts, new Map());
      converters.set(type, convert);
    }
    return convert(type.decode(body));
  };
}

/** The top-level message types of a Protobuf schema, in the order its file declares them, every name resolved. */
export function protobufMessageTypes(schema: RegistrySchema): protobuf.Type[] {
  const text = schema.schema.trim();
  const { root, top } = /^[A-Za-z0-9+/]+=*$/.test(text) ? fromDescriptor(text) : fromText(new protobuf.Root(), text);
  for (const ref of schema.references ?? []) {
    fromText(root, ref.schema);
  }
  root.resolveAll();
  return top;
}

type File = { root: protobuf.Root; top: protobuf.Type[] };

/** A `.proto` file into `root`; its top-level message types, in the order the file declares them. */
function fromText(root: protobuf.Root, text: string): File {
  const parsed = protobuf.parse(text, root, { keepCase: true });
  addWellKnown(root, parsed.imports ?? []);
  return { root, top: messagesOf(root, parsed.package) };
}

function fromDescriptor(base64: string): File {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const file = (descriptor as unknown as { FileDescriptorProto: protobuf.Type }).FileDescriptorProto.decode(bytes) as unknown as {
    package?: string;
    dependency?: string[];
  };
  // The well-known files it imports go in the same set: fromDescriptor resolves every name at once.
  const wellKnown = (file.dependency ?? []).flatMap((dep) => {
    const known = new protobuf.Root();
    addWellKnown(known, [dep]);
    return known.nestedArray.length > 0 ? (known as unknown as { toDescriptor(edition: string): { file: unknown[] } }).toDescriptor("proto3").file : [];
  });
  const root = (protobuf.Root as unknown as { fromDescriptor(d: unknown, o: unknown): protobuf.Root }).fromDescriptor(
    { file: [...wellKnown, file] },
    { keepCase: true },
  );
  return { root, top: messagesOf(root, file.package) };
}

/** Google's well-known types (timestamp.proto, …) that a file imports. */
function addWellKnown(root: protobuf.Root, imports: string[]): void {
  for (const imp of imports) {
    const common = protobuf.common.get(imp);
    if (common) {
      root.addJSON((common as { nested: Record<string, protobuf.AnyNestedObject> }).nested);
    }
  }
}

function messagesOf(root: protobuf.Root, pkg: string | undefined): protobuf.Type[] {
  const ns = pkg ? root.lookup(pkg) : root;
  return ((ns as protobuf.Namespace | null)?.nestedArray ?? []).filter((n): n is protobuf.Type => n instanceof protobuf.Type);
}

/** The message type the indexes name: the first picks a top-level message, each next one a nested message of it. */
export function messageAt(top: protobuf.Type[], indexes: readonly number[]): protobuf.Type {
  let list = top;
  let type: protobuf.Type | undefined;
  for (const i of indexes) {
    type = list[i];
    if (!type) {
      throw new Error(`message indexes [${indexes.join(", ")}] name no message type of the schema`);
    }
    list = type.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type);
  }
  if (!type) {
    throw new Error("no message indexes");
  }
  return type;
}

function exactLong(v: LongLike): number | ExactNumber {
  if (typeof v === "number") {
    return v;
  }
  return numberFromText(v.toString()) as number | ExactNumber;
}

/** Fields as the document holds them: 64-bit integers exact, enums by name, bytes base64, oneofs as the set member only. */
function messageConverter(type: protobuf.Type, opts: ProtobufOptions, seen: Map<protobuf.Type, Convert>): Convert {
  const known = seen.get(type);
  if (known) {
    return known;
  }
  if (type.fullName === ".google.protobuf.Timestamp") {
    const convert: Convert = (v) => {
      const m = v as { seconds: LongLike; nanos: number };
      return secondsNanosText(BigInt(m.seconds.toString()), m.nanos, opts.timestamps);
    };
    seen.set(type, convert);
    return convert;
  }
  let fields: { name: string; inOneof: boolean; convert: Convert }[] = [];
  const convert: Convert = (v) => {
    const m = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.inOneof && !Object.hasOwn(m, f.name)) {
        continue;
      }
      const x = m[f.name];
      assignKey(out, f.name, x === null || x === undefined ? null : f.convert(x));
    }
    return out;
  };
  seen.set(type, convert);
  fields = type.fieldsArray.map((f) => {
    const one = scalarConverter(f, opts, seen);
    const mapField = f as unknown as protobuf.MapField;
    let c: Convert = one;
    if (f.map) {
      const longKeys = LONG_TYPES.has(mapField.keyType);
      c = (v) => {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
          assignKey(out, longKeys ? protobuf.util.longFromHash(k, mapField.keyType.startsWith("u") || mapField.keyType === "fixed64").toString() : k, one(x));
        }
        return out;
      };
    } else if (f.repeated) {
      c = (v) => (v as unknown[]).map(one);
    }
    return { name: f.name, inOneof: f.partOf !== null, convert: c };
  });
  return convert;
}

function scalarConverter(f: protobuf.Field, opts: ProtobufOptions, seen: Map<protobuf.Type, Convert>): Convert {
  const resolved = f.resolvedType;
  if (resolved instanceof protobuf.Type) {
    return messageConverter(resolved, opts, seen);
  }
  if (resolved instanceof protobuf.Enum) {
    const names = resolved.valuesById;
    return (v) => names[v as number] ?? v;
  }
  if (LONG_TYPES.has(f.type)) {
    return (v) => exactLong(v as LongLike);
  }
  if (f.type === "bytes") {
    return (v) => toBase64(v as Uint8Array);
  }
  return (v) => v;
}
