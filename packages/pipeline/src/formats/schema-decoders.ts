import type { RegistryFormat } from "@outflow/schemas/formats";
import { markValue } from "@outflow/schemas/reason-values";
import type { CompiledTask } from "../compile";
import { parseJsonBounded } from "../decode-value";
import type { KafkaMessage } from "../message";
import { decodeUtf8 } from "../message";
import { compileAvroDecoder } from "./avro-decode";
import { compileProtobufDecoder } from "./protobuf-decode";
import { framedSchemaId } from "./registry-wire";
import { type BodyDecoder, BodyRefused, type RegistrySchema, type SchemaBook, type SchemaLookup } from "./schema-book";

/*
 * The schema side of the registry formats, for the edge (worker, preview and dry-run threads): which schema ids a
 * batch carries that its task has not compiled, and compiling what the registry answered. It loads avsc and
 * protobufjs, so the browser's bundle (which only compiles configs) does not import it.
 */

const SCHEMA_TYPE: Record<RegistryFormat["type"], NonNullable<RegistrySchema["schemaType"]>> = { avro: "AVRO", protobuf: "PROTOBUF", json_schema: "JSON" };

/** The task's schema books and, for each, the ids its messages carry that it must look up. */
function wanted(task: CompiledTask, messages: readonly KafkaMessage[]): Map<SchemaBook, Set<number>> {
  const out = new Map<SchemaBook, Set<number>>();
  const note = (book: SchemaBook | undefined, bytes: Uint8Array | null) => {
    const id = book ? framedSchemaId(bytes) : null;
    if (book && id !== null && book.needs(id)) {
      const ids = out.get(book) ?? new Set<number>();
      ids.add(id);
      out.set(book, ids);
    }
  };
  for (const m of messages) {
    note(task.registry?.value, m.value);
    note(task.registry?.key, m.key);
  }
  return out;
}

/** Distinct schema ids the messages carry that the task has not compiled (empty when its formats use no registry). */
export function schemaIdsNeeded(task: CompiledTask, messages: readonly KafkaMessage[]): number[] {
  const ids = new Set<number>();
  for (const set of wanted(task, messages).values()) {
    for (const id of set) {
      ids.add(id);
    }
  }
  return [...ids];
}

/** Compiles the registry's answers into the task's books (null: the registry has no schema with that id). */
export function provideSchemas(task: CompiledTask, messages: readonly KafkaMessage[], schemas: ReadonlyMap<number, RegistrySchema | null>): void {
  for (const [book, ids] of wanted(task, messages)) {
    for (const id of ids) {
      const schema = schemas.get(id);
      if (schema !== undefined) {
        book.set(id, compileEntry(book.format, id, schema));
      }
    }
  }
}

/**
 * Looks up (through `lookup`, the edge's cached registry client) every schema id the messages carry that the task
 * has not compiled, and compiles them. A lookup that throws (the registry does not answer) rejects: the batch waits.
 */
export async function resolveSchemas(task: CompiledTask, messages: readonly KafkaMessage[], lookup: SchemaLookup): Promise<void> {
  const ids = schemaIdsNeeded(task, messages);
  if (ids.length === 0) {
    return;
  }
  const answers = await Promise.all(ids.map(async (id) => [id, await lookup(id)] as const));
  provideSchemas(task, messages, new Map(answers));
}

type Entry = Parameters<SchemaBook["set"]>[1];

export function compileEntry(format: RegistryFormat, id: number, schema: RegistrySchema | null): Entry {
  if (schema === null) {
    return { ok: false, reason: `unknown schema id ${id}: the schema registry has no schema with that id`, unknown: true };
  }
  const type = schema.schemaType ?? "AVRO";
  if (type !== SCHEMA_TYPE[format.type]) {
    return { ok: false, reason: `schema ${id} is a ${type} schema, not ${format.type}`, unknown: false };
  }
  try {
    return { ok: true, decode: compileDecoder(format, schema) };
  } catch (err) {
    return { ok: false, reason: `schema ${id} is not a usable ${format.type} schema: ${markValue((err as Error).message)}`, unknown: false };
  }
}

function compileDecoder(format: RegistryFormat, schema: RegistrySchema): BodyDecoder {
  switch (format.type) {
    case "avro":
      return compileAvroDecoder(schema, format);
    case "protobuf":
      return compileProtobufDecoder(schema, format);
    default:
      JSON.parse(schema.schema);
      return jsonBody;
  }
}

/** JSON Schema messages are JSON after the header (numbers kept exact, as with the json format). */
const jsonBody: BodyDecoder = (body) => {
  const text = decodeUtf8(body);
  if (text === null) {
    throw new BodyRefused("the JSON is not valid UTF-8");
  }
  const r = parseJsonBounded(text);
  if (!r.ok) {
    throw new BodyRefused(r.reason);
  }
  return r.value;
};
