"use client";

import { GROK_PRESET_NAMES } from "@outflow/schemas/formats";
import { useTranslations } from "next-intl";
import { type FieldMessage, FormField } from "@/components/form-field";
import { useClientPreview } from "../../hooks/use-preview";
import { useSamples } from "../../hooks/use-samples";
import { failureOf } from "../../review-verdict";
import { useWizard } from "../../wizard-context";
import { CheckboxField } from "../inputs/checkbox-field";
import { fieldId } from "../inputs/field-id";
import { ListField } from "../inputs/list-field";
import { TextField } from "../inputs/text-field";
import { type Variant, VariantSelectField } from "../inputs/variant-select-field";
import { isRegistryFormat, RegistryOptionFields, registryVariants } from "./registry-format-fields";
import { useRegistrySource } from "./registry-source-notice";

type FormatT = ReturnType<typeof useTranslations<"wizard.format">>;

const textVariants = (t: FormatT): Variant[] => [
  { value: "json", label: t("json"), make: () => ({ type: "json" }) },
  { value: "json_array", label: t("jsonArray"), make: () => ({ type: "json_array", elements: "each" }) },
  { value: "delimited", label: t("delimited"), make: () => ({ type: "delimited", separator: ",", trim: false }) },
  { value: "regex", label: t("regex"), make: () => ({ type: "regex", pattern: "" }) },
  { value: "grok", label: t("grok"), make: () => ({ type: "grok", pattern: "nginx_combined", patterns: {} }) },
  { value: "kv", label: t("kv"), make: () => ({ type: "kv", pairSeparator: "&", kvSeparator: "=", trim: true, prefix: "" }) },
];

/**
 * A value format at `path`: the task's parse format (text formats and the registry formats avro, protobuf,
 * json_schema, with the key's format) or a parse rule's (text formats only: the API refuses registry formats there).
 */
export function FormatFields({ path, label }: { path: string; label?: string }) {
  const t = useTranslations("wizard.format");
  const w = useWizard();
  const raw = w.get(path);
  const type = raw === "json" ? "json" : (raw as { type?: string } | undefined)?.type;
  const presetsId = `${path}-grok-presets`;
  const patternIssue = useSampledParseIssue(path === "parse.format" && (type === "grok" || type === "regex"));
  const registry = path === "parse.format";
  return (
    <>
      <FormatSelect path={path} label={label ?? t("label")} type={type ?? ""} registry={registry} />
      {type === "json_array" ? (
        <ArrayElementsField path={`${path}.elements`} />
      ) : type === "delimited" ? (
        <div className="inline-fields">
          <TextField path={`${path}.separator`} label={t("separator")} mono hint={t("separatorHint")} />
          <TextField path={`${path}.quote`} label={t("quote")} mono optional hint={t("quoteHint")} />
          <ListField path={`${path}.columns`} label={t("columns")} optional hint={t("columnsHint")} />
          <CheckboxField path={`${path}.trim`} label={t("trim")} />
        </div>
      ) : type === "regex" ? (
        <TextField path={`${path}.pattern`} label={t("pattern")} mono hint={t("patternHint")} more={patternIssue} />
      ) : type === "grok" ? (
        <>
          <TextField
            path={`${path}.pattern`}
            label={t("grokPattern")}
            mono
            list={presetsId}
            more={patternIssue}
            hint={t("grokHint", { presets: GROK_PRESET_NAMES.join(", ") })}
          />
          <datalist id={presetsId}>
            {GROK_PRESET_NAMES.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </>
      ) : registry && isRegistryFormat(raw) && type ? (
        <RegistryOptionFields path={path} type={type} />
      ) : type === "kv" ? (
        <div className="inline-fields">
          <TextField path={`${path}.pairSeparator`} label={t("pairSeparator")} mono />
          <TextField path={`${path}.kvSeparator`} label={t("kvSeparator")} mono />
          <TextField path={`${path}.prefix`} label={t("prefix")} mono hint={t("optional")} />
          <CheckboxField path={`${path}.trim`} label={t("trimKv")} defaultValue />
        </div>
      ) : null}
      {registry ? <KeyFormatFields /> : null}
    </>
  );
}

/** The format choice; for the task's format also the registry formats, saying what the Kafka connection's registry is. */
function FormatSelect({ path, label, type, registry }: { path: string; label: string; type: string; registry: boolean }) {
  const t = useTranslations("wizard.format");
  const registryT = useTranslations("wizard.registry");
  const w = useWizard();
  const variants = registry ? [...textVariants(t), ...registryVariants(registryT)] : textVariants(t);
  const source = useRegistrySource(registry && isRegistryFormat(w.get(path)));
  const id = fieldId(path);
  return (
    <FormField label={label} hint={source.hint} name={path} htmlFor={id} errors={[...w.messagesAt(path, [`${path}.type`]), ...source.errors]}>
      {(control) => (
        <select
          {...control}
          value={type}
          onChange={(e) => {
            const v = variants.find((x) => x.value === e.target.value);
            w.set(path, v ? v.make() : undefined);
          }}
        >
          {variants.map((v) => (
            <option key={v.value} value={v.value}>
              {v.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** `parse.keyFormat`: a key encoded through the schema registry (Debezium's Avro keys), else the key is text. */
function KeyFormatFields() {
  const t = useTranslations("wizard.format");
  const registryT = useTranslations("wizard.registry");
  const w = useWizard();
  const key = w.get("parse.keyFormat") as { type?: string } | undefined;
  return (
    <>
      <VariantSelectField path="parse.keyFormat" label={t("messageKey")} optional={t("keyText")} hint={t("keyHint")} variants={registryVariants(registryT)} />
      {key?.type ? <RegistryOptionFields path="parse.keyFormat" type={key.type} /> : null}
    </>
  );
}

/** json_array: each element a record, or the first only. */
function ArrayElementsField({ path }: { path: string }) {
  const t = useTranslations("wizard.format");
  const w = useWizard();
  const v = w.get(path);
  return (
    <div className="field">
      <label htmlFor={`${path}-el`}>{t("elements")}</label>
      <select id={`${path}-el`} value={typeof v === "string" ? v : "each"} onChange={(e) => w.set(path, e.target.value)}>
        <option value="each">{t("elementsEach")}</option>
        <option value="first">{t("elementsFirst")}</option>
      </select>
    </div>
  );
}

/** When every sampled message fails to parse with the task's pattern, that is said at the pattern itself. */
function useSampledParseIssue(enabled: boolean): FieldMessage[] {
  const t = useTranslations("wizard.format");
  const { samples } = useSamples();
  const preview = useClientPreview(enabled ? samples : [], "parse");
  const failures = preview.rows.map(failureOf).filter((f) => f?.stage === "parse");
  const first = failures[0];
  if (!enabled || !first || failures.length !== preview.rows.length) {
    return [];
  }
  return [{ message: t("noSampleParses", { n: failures.length, reason: first.reason }), origin: "client" }];
}
