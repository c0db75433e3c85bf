"use client";

import { useTranslations } from "next-intl";
import { SelectField } from "../inputs/select-field";
import type { Variant } from "../inputs/variant-select-field";

type RegistryT = ReturnType<typeof useTranslations<"wizard.registry">>;

export const REGISTRY_TYPES = ["avro", "protobuf", "json_schema"] as const;

/** Whether a format value (`"json"` or `{ type }`) is read through the schema registry. */
export function isRegistryFormat(value: unknown): boolean {
  const type = (value as { type?: unknown } | undefined)?.type;
  return typeof type === "string" && (REGISTRY_TYPES as readonly string[]).includes(type);
}

/** The registry formats as choices of a format select, each with its defaults. */
export const registryVariants = (t: RegistryT): Variant[] => [
  { value: "avro", label: t("avro"), make: () => ({ type: "avro", timestamps: "iso", decimals: "string", unions: "plain" }) },
  { value: "protobuf", label: t("protobuf"), make: () => ({ type: "protobuf", timestamps: "iso" }) },
  { value: "json_schema", label: t("jsonSchema"), make: () => ({ type: "json_schema" }) },
];

/** A registry format's options at `path`: how timestamps, decimals and unions are written. */
export function RegistryOptionFields({ path, type }: { path: string; type: string }) {
  const t = useTranslations("wizard.registry");
  if (type === "json_schema") {
    return null;
  }
  return (
    <div className="inline-fields">
      <SelectField
        path={`${path}.timestamps`}
        label={t("timestamps")}
        hint={t("timestampsHint")}
        choices={[
          { value: "iso", label: t("timestampsIso") },
          { value: "epoch_millis", label: t("timestampsEpoch") },
        ]}
      />
      {type === "avro" ? (
        <>
          <SelectField
            path={`${path}.decimals`}
            label={t("decimals")}
            hint={t("decimalsHint")}
            choices={[
              { value: "string", label: t("decimalsString") },
              { value: "number", label: t("decimalsNumber") },
            ]}
          />
          <SelectField
            path={`${path}.unions`}
            label={t("unions")}
            hint={t("unionsHint")}
            choices={[
              { value: "plain", label: t("unionsPlain") },
              { value: "wrapped", label: t("unionsWrapped") },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}
