"use client";

import { GROK_PRESET_NAMES } from "@outflow/schemas/formats";
import { type FieldMessage, FormField } from "@/components/form-field";
import { useClientPreview } from "../../hooks/use-preview";
import { useSamples } from "../../hooks/use-samples";
import { reviewMessages } from "../../review-messages";
import { failureOf } from "../../review-verdict";
import { useWizard } from "../../wizard-context";
import { CheckboxField } from "../inputs/checkbox-field";
import { fieldId } from "../inputs/field-id";
import { ListField } from "../inputs/list-field";
import { TextField } from "../inputs/text-field";
import { type Variant, VariantSelectField } from "../inputs/variant-select-field";
import { isRegistryFormat, RegistryOptionFields, registryVariants } from "./registry-format-fields";
import { useRegistrySource } from "./registry-source-notice";

const TEXT_VARIANTS: Variant[] = [
  { value: "json", label: "JSON object", make: () => ({ type: "json" }) },
  { value: "json_array", label: "JSON array (one record per element)", make: () => ({ type: "json_array", elements: "each" }) },
  { value: "delimited", label: "Delimited text (CSV, TSV, …)", make: () => ({ type: "delimited", separator: ",", trim: false }) },
  { value: "regex", label: "Regular expression (named groups)", make: () => ({ type: "regex", pattern: "" }) },
  { value: "grok", label: "Grok pattern", make: () => ({ type: "grok", pattern: "nginx_combined", patterns: {} }) },
  { value: "kv", label: "Key-value pairs (a=1&b=2)", make: () => ({ type: "kv", pairSeparator: "&", kvSeparator: "=", trim: true, prefix: "" }) },
];

/**
 * A value format at `path`: the task's parse format (text formats and the registry formats avro, protobuf,
 * json_schema, with the key's format) or a parse rule's (text formats only: the API refuses registry formats there).
 */
export function FormatFields({ path, label = "Format" }: { path: string; label?: string }) {
  const w = useWizard();
  const raw = w.get(path);
  const type = raw === "json" ? "json" : (raw as { type?: string } | undefined)?.type;
  const presetsId = `${path}-grok-presets`;
  const patternIssue = useSampledParseIssue(path === "parse.format" && (type === "grok" || type === "regex"));
  const registry = path === "parse.format";
  return (
    <>
      <FormatSelect path={path} label={label} type={type ?? ""} registry={registry} />
      {type === "json_array" ? (
        <ArrayElementsField path={`${path}.elements`} />
      ) : type === "delimited" ? (
        <div className="inline-fields">
          <TextField path={`${path}.separator`} label="Separator" mono hint="e.g. , or a tab" />
          <TextField path={`${path}.quote`} label="Quote" mono optional hint='Optional, e.g. "' />
          <ListField path={`${path}.columns`} label="Columns" optional hint="Field names, comma-separated; without them: _1, _2, …" />
          <CheckboxField path={`${path}.trim`} label="Trim values" />
        </div>
      ) : type === "regex" ? (
        <TextField path={`${path}.pattern`} label="Pattern" mono hint="Named groups become fields: (?<level>\w+) (?<msg>.*)" more={patternIssue} />
      ) : type === "grok" ? (
        <>
          <TextField
            path={`${path}.pattern`}
            label="Grok pattern or preset"
            mono
            list={presetsId}
            more={patternIssue}
            hint={`A preset (${GROK_PRESET_NAMES.join(", ")}) or a pattern such as %{IP:client} %{WORD:method}`}
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
          <TextField path={`${path}.pairSeparator`} label="Pair separator" mono />
          <TextField path={`${path}.kvSeparator`} label="Key-value separator" mono />
          <TextField path={`${path}.prefix`} label="Key prefix" mono hint="Optional" />
          <CheckboxField path={`${path}.trim`} label="Trim keys and values" defaultValue />
        </div>
      ) : null}
      {registry ? <KeyFormatFields /> : null}
    </>
  );
}

/** The format choice; for the task's format also the registry formats, saying what the Kafka connection's registry is. */
function FormatSelect({ path, label, type, registry }: { path: string; label: string; type: string; registry: boolean }) {
  const w = useWizard();
  const variants = registry ? [...TEXT_VARIANTS, ...registryVariants] : TEXT_VARIANTS;
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
  const w = useWizard();
  const key = w.get("parse.keyFormat") as { type?: string } | undefined;
  return (
    <>
      <VariantSelectField
        path="parse.keyFormat"
        label="Message key"
        optional="Text (as it is)"
        hint="A key encoded through the schema registry is decoded to a record; its field (or its JSON) stands for the key in document IDs and {_key}"
        variants={registryVariants}
      />
      {key?.type ? <RegistryOptionFields path="parse.keyFormat" type={key.type} /> : null}
    </>
  );
}

/** json_array: each element a record, or the first only. */
function ArrayElementsField({ path }: { path: string }) {
  const w = useWizard();
  const v = w.get(path);
  return (
    <div className="field">
      <label htmlFor={`${path}-el`}>Elements</label>
      <select id={`${path}-el`} value={typeof v === "string" ? v : "each"} onChange={(e) => w.set(path, e.target.value)}>
        <option value="each">Each element is a record</option>
        <option value="first">The first element only</option>
      </select>
    </div>
  );
}

/** When every sampled message fails to parse with the task's pattern, that is said at the pattern itself. */
function useSampledParseIssue(enabled: boolean): FieldMessage[] {
  const { samples } = useSamples();
  const preview = useClientPreview(enabled ? samples : [], "parse");
  const failures = preview.rows.map(failureOf).filter((f) => f?.stage === "parse");
  const first = failures[0];
  if (!enabled || !first || failures.length !== preview.rows.length) {
    return [];
  }
  return [{ message: reviewMessages.noSampleParses(failures.length, first.reason), origin: "client" }];
}
