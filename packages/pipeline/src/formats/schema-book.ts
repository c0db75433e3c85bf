import type { RegistryFormat } from "@outflow/schemas/formats";

/** A schema as the registry serves it (`GET /schemas/ids/<id>`), references resolved to their texts. */
export type RegistrySchema = {
  /** AVRO when absent (the registry's convention). */
  schemaType?: "AVRO" | "PROTOBUF" | "JSON";
  schema: string;
  references?: { name: string; schema: string }[];
};

/** The registry's answer for an id: the schema, or null when it has no schema with that id. */
export type SchemaLookup = (id: number) => Promise<RegistrySchema | null>;

/** Decodes one framed body (after the header and message indexes) into a value. Throws on a body that does not decode. */
export type BodyDecoder = (body: Uint8Array, indexes: readonly number[]) => unknown;

/** A body that does not decode, with a reason ready to show (not the library's words). */
export class BodyRefused extends Error {
  override name = "BodyRefused";
}

type Entry = { ok: true; decode: BodyDecoder } | { ok: false; reason: string; unknown: boolean };

/** Schemas a task keeps compiled; past it the oldest is compiled again when next seen. */
export const MAX_SCHEMAS_PER_SIDE = 256;

/**
 * The compiled decoders of one side (value or key) of a task, by schema id. Filled at the edge before a batch is
 * processed (schema-decoders.ts), read synchronously while it is; an id the registry did not know is asked again
 * with the next batch that carries it.
 */
export class SchemaBook {
  private readonly entries = new Map<number, Entry>();

  constructor(
    readonly format: RegistryFormat,
    readonly side: "value" | "key",
  ) {}

  /** Whether `id` must be looked up before a message carrying it is processed. */
  needs(id: number): boolean {
    const e = this.entries.get(id);
    return e === undefined || (!e.ok && e.unknown);
  }

  set(id: number, entry: Entry): void {
    this.entries.delete(id);
    this.entries.set(id, entry);
    if (this.entries.size > MAX_SCHEMAS_PER_SIDE) {
      this.entries.delete(this.entries.keys().next().value as number);
    }
  }

  get(id: number): Entry {
    return this.entries.get(id) ?? { ok: false, reason: `schema ${id} was not looked up in the schema registry`, unknown: true };
  }
}
