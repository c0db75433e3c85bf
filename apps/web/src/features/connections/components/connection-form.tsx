"use client";

import type { Connection, ConnectionKind } from "@outflow/schemas/connection";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useMemo, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { FormField } from "@/components/form-field";
import { isApiError } from "@/lib/http/fetch-json";
import {
  type ConnectionFormState,
  emptyForm,
  type FormKey,
  formFromConnection,
  groupByFormKey,
  hasKeptSecrets,
  toInput,
  toPatch,
  validateForm,
} from "../connection-form-model";
import { useCreateConnection, useTestConnection, useUpdateConnection } from "../hooks/use-connection-mutations";
import { categoryText } from "../last-test";
import { ConnectionTestResult } from "./connection-test-result";
import { ElasticsearchConnectionFields } from "./elasticsearch-connection-fields";
import { KafkaConnectionFields } from "./kafka-connection-fields";
import { ReservedNamesField } from "./reserved-names-field";
import { SchemaRegistryConnectionFields } from "./schema-registry-connection-fields";
import { TestError } from "./test-error";

const FIELDS = { kafka: KafkaConnectionFields, elasticsearch: ElasticsearchConnectionFields, schema_registry: SchemaRegistryConnectionFields };

/** Create (kind given) or edit (connection given) a connection; Test tries the settings for real. */
export function ConnectionForm({
  kind,
  connection,
  onSaved,
  onCancel,
}: {
  kind: ConnectionKind;
  connection?: Connection;
  onSaved: (c: Connection) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("connections");
  const idPrefix = useId().replace(/:/g, "");
  const initial = useMemo(() => (connection ? formFromConnection(connection) : { form: emptyForm(kind), stored: {} }), [connection, kind]);
  const [form, setForm] = useState<ConnectionFormState>(initial.form);
  const [touched, setTouched] = useState<Set<FormKey>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const stored = initial.stored;
  const create = useCreateConnection();
  const update = useUpdateConnection();
  const test = useTestConnection();
  // Records the test of unsaved settings as the saved connection's last test (the list shows it, not "Never tested").
  const recordTest = useTestConnection();
  const save = connection ? update : create;
  // The form as it was when the shown test ran: that test speaks for these settings only while they are unchanged.
  const [tested, setTested] = useState<{ form: string; byId: boolean } | null>(null);
  const [askingSave, setAskingSave] = useState(false);

  const set = (patch: Partial<ConnectionFormState>) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched((t) => new Set([...t, ...(Object.keys(patch) as FormKey[])]));
    setAskingSave(false);
    save.reset();
  };

  const clientErrors = validateForm(form, stored);
  const serverErrors = isApiError(save.error) ? groupByFormKey(save.error.allIssues, form.kind, "server") : {};
  const errors: ConnectionFieldsErrors = {};
  for (const key of new Set([...Object.keys(clientErrors), ...Object.keys(serverErrors)]) as Set<FormKey>) {
    const shown = [...(serverErrors[key] ?? []), ...(submitted || touched.has(key) ? (clientErrors[key] ?? []) : [])];
    const unique = shown.filter((m, i) => shown.findIndex((x) => x.message === m.message) === i);
    if (unique.length) {
      errors[key] = unique;
    }
  }

  const testsSaved = connection !== undefined && hasKeptSecrets(form, stored);
  const onTest = () => {
    setAskingSave(false);
    setTested({ form: JSON.stringify(form), byId: testsSaved });
    test.mutate(testsSaved && connection ? { id: connection.id } : { input: toInput(form) });
  };
  const currentTest = tested?.form === JSON.stringify(form) && test.data ? { result: test.data, byId: tested.byId } : null;
  const afterSave = (c: Connection) => {
    if (currentTest && !currentTest.byId) {
      recordTest.mutate({ id: c.id });
    }
    onSaved(c);
  };
  const doSave = () => {
    setAskingSave(false);
    if (connection) {
      update.mutate({ id: connection.id, patch: toPatch(connection, form) }, { onSuccess: afterSave });
    } else {
      create.mutate(toInput(form), { onSuccess: afterSave });
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (currentTest && !currentTest.result.ok) {
      setAskingSave(true);
      return;
    }
    doSave();
  };

  const fieldProps = { form, set, errors, stored, idPrefix };
  const Fields = FIELDS[form.kind];
  return (
    <form className="panel" onSubmit={onSubmit} aria-label={connection ? t(`editConnection.${form.kind}`) : t(`newConnection.${form.kind}`)} noValidate>
      <h2>
        {connection ? t("form.editTitle", { name: connection.name }) : t(`newConnection.${form.kind}`)} <span className="badge">{t(`kinds.${form.kind}`)}</span>
      </h2>
      <ErrorNotice error={save.error} title={t("form.notSaved")} />
      <FormField label={t("form.name")} name="name" htmlFor={`${idPrefix}-name`} errors={errors.name}>
        <input id={`${idPrefix}-name`} value={form.name} onChange={(e) => set({ name: e.target.value })} autoComplete="off" />
      </FormField>
      <Fields {...fieldProps} />
      <ReservedNamesField {...fieldProps} />
      <ConnectionTestResult result={test.data} error={test.error} />
      <div className="row">
        <button type="button" onClick={onTest} disabled={test.isPending}>
          {test.isPending ? t("form.testing") : testsSaved ? t("form.testSaved") : t("form.test")}
        </button>
        <span style={{ flex: 1 }} />
        <button type="button" onClick={onCancel}>
          {t("form.cancel")}
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t("form.saving") : connection ? t("form.saveChanges") : t("form.create")}
        </button>
      </div>
      {askingSave && currentTest ? (
        <div className="notice warn" role="alert" data-testid="save-anyway">
          {t("form.failedBeforeSave")}{" "}
          {currentTest.result.error ? (
            <TestError error={currentTest.result.error} details={currentTest.result.details} />
          ) : (
            categoryText(String(currentTest.result.details?.category ?? ""), t)
          )}
          <div className="row" style={{ marginTop: 8 }}>
            <button type="button" className="primary" onClick={doSave} disabled={save.isPending}>
              {t("form.saveAnyway")}
            </button>
            <button type="button" onClick={() => setAskingSave(false)}>
              {t("form.keepEditing")}
            </button>
          </div>
        </div>
      ) : null}
      {testsSaved ? <p className="hint small muted">{t("form.storedSecretsTested")}</p> : null}
    </form>
  );
}

type ConnectionFieldsErrors = Parameters<typeof KafkaConnectionFields>[0]["errors"];
