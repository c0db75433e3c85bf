import { z } from "zod";

/**
 * The field types the wizard proposes and a template may give a field; integer, float and binary come from
 * registry schemas (32-bit integers, floats, bytes as base64).
 */
export const MAPPING_TYPES = ["keyword", "text", "ip", "date", "long", "integer", "double", "float", "boolean", "binary", "geo_point"] as const;
export type MappingType = (typeof MAPPING_TYPES)[number];

/** One field of a template: its dotted name in the document (`user.ip`), its type, and a date's format. */
export const TemplateField = z.strictObject({
  name: z
    .string()
    .min(1, "Name the field")
    .max(255)
    .regex(/^[^.\s]+(\.[^.\s]+)*$/, "A field name is dotted words without spaces (user.ip)"),
  type: z.enum(MAPPING_TYPES, { error: `A field type is one of ${MAPPING_TYPES.join(", ")}` }),
  format: z.string().min(1).max(200).optional(),
});
export type TemplateField = z.infer<typeof TemplateField>;

/** `POST /api/preview/index-template`: an index template for the task's indices, made from the wizard. */
export const IndexTemplateRequest = z.strictObject({
  connectionId: z.string().min(1, "Choose the Elasticsearch connection"),
  name: z
    .string()
    .min(1, "Name the template")
    .max(255)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, "Lowercase letters, digits, . _ and -, not starting with . _ or -"),
  indexPatterns: z
    .array(
      z
        .string()
        .min(1)
        .max(255)
        .regex(/^[^\s,"\\/|?<>]+$/, 'An index pattern has no spaces or , " \\ / | ? < >'),
    )
    .min(1, "At least one index pattern")
    .max(10),
  fields: z.array(TemplateField).min(1, "At least one field").max(500, "At most 500 fields"),
  priority: z.int().min(0).max(1000).default(200),
  /** Replace a template of that name (otherwise an existing one is a 409). */
  replace: z.boolean().default(false),
});
export type IndexTemplateRequest = z.infer<typeof IndexTemplateRequest>;

export const IndexTemplateAnswer = z.object({
  name: z.string(),
  indexPatterns: z.array(z.string()),
  mappings: z.record(z.string(), z.unknown()),
  replaced: z.boolean(),
});
export type IndexTemplateAnswer = z.infer<typeof IndexTemplateAnswer>;
