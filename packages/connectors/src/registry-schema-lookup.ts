import type { RegistrySchema, SchemaLookup } from "@outflow/pipeline/formats/schema-book";
import type { SchemaRegistryConnectionInput } from "@outflow/schemas/connection";
import { fetchSchemaById, isRegistryUnavailable, RegistryError, registryClient, type SchemaReference } from "./schema-registry-client";

/** The largest id a registry hands out (a signed 32-bit integer); the wire format's 4 bytes can say more. */
const MAX_SCHEMA_ID = 0x7fffffff;
/** References followed per schema (each a registry request the first time). */
const MAX_REFERENCES = 100;

/**
 * The pipeline's schema lookup through a registry connection (cached per connection by the client): null for an id
 * the registry does not know (the message's problem); a registry that does not answer throws (its condition:
 * the caller waits and asks again). References are fetched too, those they reference first.
 */
export function registrySchemaLookup(connection: SchemaRegistryConnectionInput): SchemaLookup {
  return async (id) => {
    if (id > MAX_SCHEMA_ID) {
      return null;
    }
    let schema: Awaited<ReturnType<typeof fetchSchemaById>>;
    try {
      schema = await fetchSchemaById(connection, id);
    } catch (err) {
      if (!isRegistryUnavailable(err)) {
        return null;
      }
      throw err;
    }
    const references = await referencedSchemas(connection, schema.references ?? []);
    return { schemaType: schema.schemaType, schema: schema.schema, ...(references.length > 0 ? { references } : {}) };
  };
}

async function referencedSchemas(connection: SchemaRegistryConnectionInput, refs: SchemaReference[]): Promise<NonNullable<RegistrySchema["references"]>> {
  const out: NonNullable<RegistrySchema["references"]> = [];
  const seen = new Set<string>();
  const visit = async (ref: SchemaReference): Promise<void> => {
    if (seen.has(ref.name) || seen.size >= MAX_REFERENCES) {
      return;
    }
    seen.add(ref.name);
    let found: Awaited<ReturnType<ReturnType<typeof registryClient>["subjectVersion"]>>;
    try {
      found = await registryClient(connection).subjectVersion(ref.subject, ref.version);
    } catch (err) {
      // A reference the registry does not have: the schema then names a type it lacks, which its compile says.
      if (err instanceof RegistryError && err.category === "schema_not_found") {
        return;
      }
      throw err;
    }
    for (const inner of found.references ?? []) {
      await visit(inner);
    }
    out.push({ name: ref.name, schema: found.schema });
  };
  for (const ref of refs) {
    await visit(ref);
  }
  return out;
}
