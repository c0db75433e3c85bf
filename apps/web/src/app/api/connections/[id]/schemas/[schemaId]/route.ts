import { SchemaSubjects } from "@outflow/schemas/api/responses";
import { AppError } from "@outflow/schemas/errors";
import { z } from "zod";
import { schemaSubjects } from "@/features/preview/server/schema-subjects";
import { jsonOf, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const SchemaId = z.coerce.number().int("A schema id is an integer").min(0).max(0xffffffff);

/** A schema id in the registry the Kafka connection names: `{ id, items: [{subject, version}], schema: {schemaType?, schema, references?} | null }`. */
export const GET = route<{ id: string; schemaId: string }>(
  async (_req, { id, schemaId }) => {
    const parsed = SchemaId.safeParse(schemaId);
    if (!parsed.success) {
      throw AppError.invalid([{ field: "schemaId", message: parsed.error.issues[0]?.message ?? "A schema id is an integer" }]);
    }
    return jsonOf(SchemaSubjects, { id: parsed.data, ...(await schemaSubjects(id, parsed.data)) });
  },
  { role: "editor" },
);
