import type { RegistryFormat } from "@outflow/schemas/formats";
import avro from "avsc";
import { toBase64 } from "../decode-value";
import { type ExactNumber, isExactNumber, numberFromText, parseJsonExact } from "../exact-number";
import { assignKey } from "../safe-object";
import { dateText, microsText, millisText, type Timestamps, timeOfDayText } from "./registry-time";
import type { BodyDecoder, RegistrySchema } from "./schema-book";

type AvroOptions = Extract<RegistryFormat, { type: "avro" }>;
type Convert = (v: unknown) => unknown;
// avsc's typings cover only part of its API: the fields read here.
type AvroType = {
  typeName: string;
  branchName?: string;
  fields?: { name: string; type: AvroType }[];
  itemsType?: AvroType;
  valuesType?: AvroType;
  types?: AvroType[];
  fromBuffer(buf: Uint8Array): unknown;
};

/** avsc reads Buffers (Node's); the decoders run on the server (worker, preview threads), never in the browser. */
const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBufferLike, offset: number, length: number): Uint8Array; isBuffer(v: unknown): boolean } }).Buffer;

/** The body decoder of an Avro schema (references parsed first, into the same names). Throws when the schema is not Avro. */
export function compileAvroDecoder(schema: RegistrySchema, opts: AvroOptions): BodyDecoder {
  if (!NodeBuffer) {
    throw new Error("Avro decoding runs on the server");
  }
  const Buf = NodeBuffer;
  const long = exactLongType();
  const logical = logicalTypes(opts);
  // `{"type": "long"}` (Debezium writes longs so) is built apart from the registry's `long`: the hook gives it the exact one too.
  const typeHook = (s: unknown) => {
    const o = s as { type?: unknown; logicalType?: unknown };
    return typeof s === "object" && s !== null && o.type === "long" && !(typeof o.logicalType === "string" && Object.hasOwn(logical, o.logicalType))
      ? long
      : undefined;
  };
  const typeOpts = { registry: { long } as Record<string, unknown>, wrapUnions: true, logicalTypes: logical, typeHook };
  for (const ref of schema.references ?? []) {
    avro.Type.forSchema(JSON.parse(ref.schema), typeOpts as never);
  }
  const type = avro.Type.forSchema(JSON.parse(schema.schema), typeOpts as never) as unknown as AvroType;
  const convert = converter(type, opts, new Map());
  return (body) => {
    const buf = Buf.isBuffer(body) ? body : Buf.from(body.buffer, body.byteOffset, body.byteLength);
    return convert(type.fromBuffer(buf));
  };
}

/** From avsc's values to the document's: records and maps as plain objects, bytes as base64, unions plain or wrapped. */
function converter(type: AvroType, opts: AvroOptions, seen: Map<AvroType, Convert>): Convert {
  const known = seen.get(type);
  if (known) {
    return known;
  }
  switch (type.typeName) {
    case "record":
    case "error": {
      let names: string[] = [];
      let converts: Convert[] = [];
      let safe = true;
      // The hot path: one loop, no call for fields taken as they are; assignKey only for a field named __proto__.
      const convert: Convert = (v) => {
        const r = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) {
          const name = names[i] as string;
          const c = converts[i] as Convert;
          const x = c === same ? r[name] : c(r[name]);
          if (safe) {
            out[name] = x;
          } else {
            assignKey(out, name, x);
          }
        }
        return out;
      };
      seen.set(type, convert); // before the fields: a record may hold itself
      const fields = type.fields ?? [];
      names = fields.map((f) => f.name);
      converts = fields.map((f) => converter(f.type, opts, seen));
      safe = !names.includes("__proto__");
      return convert;
    }
    case "array": {
      const c = converter(type.itemsType as AvroType, opts, seen);
      return c === same ? same : (v) => (v as unknown[]).map(c);
    }
    case "map": {
      const c = converter(type.valuesType as AvroType, opts, seen);
      return (v) => {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
          assignKey(out, k, c(x));
        }
        return out;
      };
    }
    case "union:wrapped": {
      const branches = new Map((type.types ?? []).map((t) => [t.branchName as string, converter(t, opts, seen)]));
      return (v) => {
        if (v === null) {
          return null;
        }
        const name = Object.keys(v as object)[0] as string;
        const inner = (branches.get(name) as Convert)((v as Record<string, unknown>)[name]);
        return opts.unions === "wrapped" ? { [name]: inner } : inner;
      };
    }
    case "bytes":
    case "fixed":
      return (v) => toBase64(v as Uint8Array);
    default:
      return same;
  }
}

const same: Convert = (v) => v;

/** `long` as a number when a double holds it exactly, otherwise an exact number (its decimal text). */
function exactLongType(): unknown {
  return avro.types.LongType.__with({
    fromBuffer: (b: Uint8Array) => exactInt(new DataView(b.buffer, b.byteOffset, 8).getBigInt64(0, true)),
    toBuffer: (n: number | bigint | ExactNumber) => {
      const out = NodeBuffer?.from(new ArrayBuffer(8), 0, 8) as Uint8Array;
      new DataView(out.buffer, out.byteOffset, 8).setBigInt64(0, BigInt(typeof n === "object" ? n.rawJSON : n), true);
      return out;
    },
    fromJSON: Number,
    toJSON: (n: number | ExactNumber) => (typeof n === "object" ? Number(n.rawJSON) : n),
    isValid: (n: unknown) => typeof n === "bigint" || Number.isSafeInteger(n) || isExactNumber(n),
    compare: (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1),
  });
}

function exactInt(n: bigint): number | ExactNumber {
  const small = Number(n);
  return Number.isSafeInteger(small) ? small : (numberFromText(n.toString()) as ExactNumber);
}

function asBigInt(v: unknown): bigint {
  return typeof v === "number" ? BigInt(v) : BigInt((v as ExactNumber).rawJSON);
}

/** Logical types as documents want them; reading only (a decoder never writes). */
function logicalTypes(opts: AvroOptions): Record<string, unknown> {
  const t: Timestamps = opts.timestamps;
  const Logical = avro.types.LogicalType as unknown as new (schema: unknown, o: unknown) => object;
  const reading = (read: (v: unknown, attrs: Record<string, unknown>) => unknown) =>
    class extends Logical {
      private readonly attrs: Record<string, unknown>;
      constructor(schema: Record<string, unknown>, o: unknown) {
        super(schema, o);
        this.attrs = schema;
      }
      _fromValue(v: unknown) {
        return read(v, this.attrs);
      }
      _toValue(v: unknown) {
        return v;
      }
    };
  return {
    "timestamp-millis": reading((v) => millisText(Number(v), t, true)),
    "timestamp-micros": reading((v) => microsText(asBigInt(v), t, true)),
    "local-timestamp-millis": reading((v) => millisText(Number(v), t, false)),
    "local-timestamp-micros": reading((v) => microsText(asBigInt(v), t, false)),
    date: reading((v) => (t === "iso" ? dateText(v as number) : (v as number) * 86_400_000)),
    "time-millis": reading((v) => (t === "iso" ? timeOfDayText(BigInt(v as number) * 1000n) : v)),
    "time-micros": reading((v) => (t === "iso" ? timeOfDayText(asBigInt(v)) : Number(asBigInt(v)) / 1000)),
    decimal: reading((v, attrs) => {
      const text = decimalText(v as Uint8Array, Number(attrs.scale ?? 0));
      // As the json format keeps a number's text: `10.50` stays `10.50` (the scale's digits), exactly.
      return opts.decimals === "string" ? text : parseJsonExact(text);
    }),
  };
}

/** A decimal's unscaled value (big-endian two's complement) and scale → its exact text, e.g. `-12.50`. */
export function decimalText(bytes: Uint8Array, scale: number): string {
  let n = 0n;
  for (const b of bytes) {
    n = (n << 8n) | BigInt(b);
  }
  if (bytes.length > 0 && ((bytes[0] as number) & 0x80) !== 0) {
    n -= 1n << BigInt(bytes.length * 8);
  }
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString();
  if (scale <= 0) {
    return `${negative ? "-" : ""}${digits}${"0".repeat(-scale)}`;
  }
  const padded = digits.padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}
