/** Producing registry-framed bytes in unit tests with the libraries themselves (avsc, protobufjs). */
import type { TaskConfigInput } from "@outflow/schemas/task-config";
import avro from "avsc";
import protobuf from "protobufjs";
import type { CompiledTask } from "../compile";
import type { KafkaMessage } from "../message";
import { compiled, message } from "../test-fixtures";
import { frame } from "./registry-wire";
import type { RegistrySchema } from "./schema-book";
import { provideSchemas } from "./schema-decoders";

type NodeBuffer = Uint8Array & { writeBigInt64LE(v: bigint): void; readBigInt64LE(): bigint };
const Buf = (globalThis as unknown as { Buffer: { alloc(n: number): NodeBuffer; from(a: ArrayLike<number>): NodeBuffer } }).Buffer;

/** Avro bytes of `value` under `schema` (no logical types: their underlying values); longs may be bigints. */
export function avroBody(schema: unknown, value: unknown): Uint8Array {
  const long = avro.types.LongType.__with({
    fromBuffer: (b: NodeBuffer) => b.readBigInt64LE(),
    toBuffer: (n: bigint | number) => {
      const b = Buf.alloc(8);
      b.writeBigInt64LE(BigInt(n));
      return b;
    },
    fromJSON: BigInt,
    toJSON: Number,
    isValid: (n: unknown) => typeof n === "bigint" || Number.isInteger(n),
    compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
  });
  const typeHook = (s: unknown) => (typeof s === "object" && s !== null && (s as { type?: unknown }).type === "long" ? long : undefined);
  const type = avro.Type.forSchema(schema as never, { registry: { long } as never, wrapUnions: true, typeHook: typeHook as never });
  return new Uint8Array(type.toBuffer(value));
}

/** Big-endian two's complement bytes of an unscaled decimal (Avro's decimal on bytes). */
export function decimalBytes(unscaled: bigint, size?: number): Uint8Array {
  let hex = (unscaled < 0n ? (1n << BigInt((size ?? 16) * 8)) + unscaled : unscaled).toString(16);
  if (hex.length % 2) {
    hex = `0${hex}`;
  }
  let bytes = Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  if (size === undefined && unscaled >= 0n && ((bytes[0] as number) & 0x80) !== 0) {
    bytes = Uint8Array.from([0, ...bytes]);
  }
  if (size !== undefined && bytes.length < size) {
    bytes = Uint8Array.from([...new Array(size - bytes.length).fill(unscaled < 0n ? 0xff : 0), ...bytes]);
  }
  return Buf.from(bytes);
}

export function nodeBytes(b: Uint8Array): Uint8Array {
  return Buf.from(b);
}

/** A `.proto` text's root, with the Google well-known types it imports. */
export function protoRoot(proto: string): protobuf.Root {
  const root = new protobuf.Root();
  const parsed = protobuf.parse(proto, root, { keepCase: true });
  for (const imp of parsed.imports ?? []) {
    root.addJSON((protobuf.common.get(imp) as { nested: Record<string, protobuf.AnyNestedObject> }).nested);
  }
  root.resolveAll();
  return root;
}

/** Protobuf bytes of `value` as message `type` of the `.proto` text. */
export function protobufBody(proto: string, type: string, value: Record<string, unknown>): Uint8Array {
  const t = protoRoot(proto).lookupType(type);
  return t.encode(t.fromObject(value)).finish();
}

/** A task reading registry formats with the given schemas already looked up. */
export function registryTask(parse: TaskConfigInput["parse"], extra: Omit<Parameters<typeof compiled>[0] & object, "parse"> = {}): CompiledTask {
  return compiled({ ...extra, parse });
}

/** Messages framed with their ids; the task is given the schemas of those ids (null: unknown to the registry). */
export function withSchemas(task: CompiledTask, messages: KafkaMessage[], schemas: Record<number, RegistrySchema | null>): KafkaMessage[] {
  provideSchemas(task, messages, new Map(Object.entries(schemas).map(([id, s]) => [Number(id), s])));
  return messages;
}

export function framed(id: number, body: Uint8Array, over: Parameters<typeof message>[1] = {}, indexes?: number[]): KafkaMessage {
  return message(frame(id, body, indexes), over);
}
