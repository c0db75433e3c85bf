"use client";

import { IndexTemplateAnswer, MAPPING_TYPES, type MappingType, type TemplateField } from "@outflow/schemas/api/index-template";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { FormField } from "@/components/form-field";
import { ISO_FORMAT, indexPatternOf, proposeFields, templateMappings } from "@/features/preview/index-template";
import { cdcRow, schemaTemplateFields, withSchemaTypes } from "@/features/preview/schema-template";
import { fetchJson, isApiError } from "@/lib/http/fetch-json";
import { useServerPreview } from "../../hooks/use-preview";
import { useSampleSchema } from "../../hooks/use-sample-schema";
import { useSamples } from "../../hooks/use-samples";
import { useWizard } from "../../wizard-context";

/**
 * The fields proposed from the documents the preview would write (each sample's record after the last step), typed
 * by the registry schema where it knows the field (and the schema's fields when no sample decodes).
 */
function useProposedFields(): TemplateField[] {
  const samples = useSamples();
  const preview = useServerPreview(samples.samples, "all");
  const schema = useSampleSchema(samples.samples);
  return useMemo(() => {
    const documents = preview.rows
      .filter((r) => r.result.kind === "write")
      .map((r) => r.steps.filter((s) => s.step !== "result").at(-1)?.record)
      .filter((d) => d !== undefined);
    const fromSchema = schema ? schemaTemplateFields(schema.debezium ? cdcRow(schema.tree) : schema.tree, schema.choices, schema.flattenSeparator) : [];
    return withSchemaTypes(proposeFields(documents), fromSchema);
  }, [preview.rows, schema]);
}

/**
 * An index template for the task's indices, made from the wizard: field types proposed from the previewed documents
 * (an IP becomes ip, an ISO date date) or, for registry formats, from the schema (an Avro long is long), editable,
 * created on the Elasticsearch connection now, so the dry run and the indices the task creates follow it.
 */
export function IndexTemplateFields() {
  const t = useTranslations("wizard.template");
  const w = useWizard();
  const [open, setOpen] = useState(false);
  return (
    <div className="stack" data-testid="index-template">
      <label className="checkbox">
        <input type="checkbox" checked={open} onChange={(e) => setOpen(e.target.checked)} /> {t("toggle")}
      </label>
      {open ? (
        <TemplateForm
          connectionId={String(w.get("sink.connectionId") ?? "")}
          index={String(w.get("sink.index") ?? "")}
          split={w.get("sink.dateSplit") !== undefined}
        />
      ) : null}
    </div>
  );
}

function TemplateForm({ connectionId, index, split }: { connectionId: string; index: string; split: boolean }) {
  const t = useTranslations("wizard.template");
  const templateT = useTranslations("preview.template");
  const proposed = useProposedFields();
  const [fields, setFields] = useState<TemplateField[] | null>(null);
  const shown = fields ?? proposed;
  const base = index
    .replace(/\{[^}]*\}/g, "")
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[-_.]+|[-_.]+$/g, "");
  const [name, setName] = useState(`outflow-${base || "task"}`);
  const [pattern, setPattern] = useState(() => indexPatternOf(index, split));
  const [replace, setReplace] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      fetchJson("/api/preview/index-template", IndexTemplateAnswer, {
        method: "POST",
        body: {
          connectionId,
          name,
          indexPatterns: pattern
            .split(",")
            .map((p) => p.trim())
            .filter(Boolean),
          fields: shown,
          replace,
        },
      }),
  });
  const local = templateMappings(shown, templateT);
  const issuesAt = (field: string) => [
    ...(local.ok ? [] : local.issues.filter((i) => i.field === field).map((i) => ({ message: i.message, origin: "client" as const }))),
    ...(isApiError(create.error)
      ? create.error.allIssues.filter((i) => i.field === field).map((i) => ({ message: i.message, origin: "server" as const }))
      : []),
  ];
  const edit = (i: number, change: Partial<TemplateField>) =>
    setFields(
      shown.map((f, j) => {
        if (j !== i) {
          return f;
        }
        const next = { ...f, ...change };
        if (next.type !== "date") {
          delete next.format;
        } else if (!next.format) {
          next.format = ISO_FORMAT;
        }
        return next;
      }),
    );
  return (
    <div className="subpanel stack">
      <div className="inline-fields">
        <FormField label={t("name")} name="template.name" htmlFor="template-name" errors={issuesAt("name")}>
          <input id="template-name" className="mono" value={name} onChange={(e) => setName(e.target.value)} />
        </FormField>
        <FormField label={t("patterns")} hint={t("patternsHint")} name="template.indexPatterns" htmlFor="template-patterns" errors={issuesAt("indexPatterns")}>
          <input id="template-patterns" className="mono" value={pattern} onChange={(e) => setPattern(e.target.value)} />
        </FormField>
      </div>
      {shown.length === 0 ? <p className="muted">{t("noDocument")}</p> : null}
      <table className="small" data-testid="template-fields">
        <thead>
          <tr>
            <th>{t("field")}</th>
            <th>{t("type")}</th>
            <th>{t("dateFormat")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row is its place in the list (names are edited)
            <tr key={i} data-testid={`template-field-${f.name}`}>
              <td>
                <FormField
                  label={<span className="visually-hidden">{t("fieldN", { n: i + 1 })}</span>}
                  name={`template.fields.${i}.name`}
                  htmlFor={`template-field-${i}`}
                  errors={issuesAt(`fields.${i}.name`)}
                >
                  <input id={`template-field-${i}`} className="mono" value={f.name} onChange={(e) => edit(i, { name: e.target.value })} />
                </FormField>
              </td>
              <td>
                <select aria-label={t("typeOf", { name: f.name })} value={f.type} onChange={(e) => edit(i, { type: e.target.value as MappingType })}>
                  {MAPPING_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {type}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {f.type === "date" ? (
                  <input
                    aria-label={t("dateFormatOf", { name: f.name })}
                    className="mono"
                    value={f.format ?? ""}
                    onChange={(e) => edit(i, { format: e.target.value })}
                  />
                ) : null}
              </td>
              <td>
                <button type="button" className="icon" aria-label={t("remove", { name: f.name })} onClick={() => setFields(shown.filter((_, j) => j !== i))}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" onClick={() => setFields([...shown, { name: "", type: "keyword" }])}>
          {t("addField")}
        </button>
        <button type="button" onClick={() => setFields(null)}>
          {t("proposeAgain")}
        </button>
        <label className="checkbox">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> {t("replace")}
        </label>
        <button
          type="button"
          className="primary"
          disabled={!connectionId || !local.ok || shown.length === 0 || create.isPending}
          onClick={() => create.mutate()}
        >
          {create.isPending ? t("creating") : t("create")}
        </button>
      </div>
      {!connectionId ? <p className="muted small">{t("chooseConnection")}</p> : null}
      <ErrorNotice error={create.error} title={t("createFailed")} />
      {create.data ? (
        <p className="notice" role="status" data-testid="template-created">
          {t(create.data.replaced ? "replaced" : "created", { name: create.data.name, patterns: create.data.indexPatterns.join(", ") })}
        </p>
      ) : null}
    </div>
  );
}
