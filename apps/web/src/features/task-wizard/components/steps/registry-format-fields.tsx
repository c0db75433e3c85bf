"use client";

import { SelectField } from "../inputs/select-field";

export const REGISTRY_TYPES = ["avro", "protobuf", "json_schema"] as const;

/** Whether a format value (`"json"` or `{ type }`) is read through the schema registry. */
export function isRegistryFormat(value: unknown): boolean {
  const type = (value as { type?: unknown } | undefined)?.type;
  return typeof type === "string" && (REGISTRY_TYPES as readonly string[]).includes(type);
}

/** The registry formats as choices of a format select, each with its defaults. */
export const registryVariants = [
  { value: "avro", label: "Avro (schema registry)", make: () => ({ type: "avro", timestamps: "iso", decimals: "string", unions: "plain" }) },
  { value: "protobuf", label: "Protobuf (schema registry)", make: () => ({ type: "protobuf", timestamps: "iso" }) },
  { value: "json_schema", label: "JSON Schema (schema registry)", make: () => ({ type: "json_schema" }) },
];

/** A registry format's options at `path`: how timestamps, decimals and unions are written. */
export function RegistryOptionFields({ path, type }: { path: string; type: string }) {
  if (type === "json_schema") {
    return null;
  }
  return (
    <div className="inline-fields">
      <SelectField
        path={`${path}.timestamps`}
        label="Timestamps and dates"
        hint="How timestamp, date and time types are written: text Elasticsearch reads as a date, or a number"
        choices={[
          { value: "iso", label: "ISO-8601 text (2026-12-07T10:15:00.123Z)" },
          { value: "epoch_millis", label: "Epoch milliseconds (1796638500123)" },
        ]}
      />
      {type === "avro" ? (
        <>
          <SelectField
            path={`${path}.decimals`}
            label="Decimals"
            hint="Both keep every digit; a string is safest for amounts, a number lets Elasticsearch sum it"
            choices={[
              { value: "string", label: 'Exact text ("12345.67")' },
              { value: "number", label: "A number with exactly those digits (12345.67)" },
            ]}
          />
          <SelectField
            path={`${path}.unions`}
            label="Unions"
            hint={'A union such as ["null", "string"] as its value alone, or in Avro\'s wrapper {"string": "…"}'}
            choices={[
              { value: "plain", label: "The value alone" },
              { value: "wrapped", label: 'Wrapped by type ({"string": "…"})' },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}
