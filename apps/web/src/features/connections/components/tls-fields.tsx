"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/form-field";
import type { ConnectionFieldsProps } from "./connection-fields-props";
import { SecretInput } from "./secret-input";

/** TLS: on/off (Kafka) or custom settings (Elasticsearch), certificate checks, CA, client certificate and key. */
export function TlsFields({ form, set, errors, stored, idPrefix }: ConnectionFieldsProps) {
  const t = useTranslations("connections.tls");
  const toggleLabel = form.kind === "kafka" ? t("use") : t("custom");
  return (
    <fieldset>
      <legend>{t("legend")}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={form.tls} onChange={(e) => set({ tls: e.target.checked })} />
        {toggleLabel}
      </label>
      {form.tls ? (
        <div className="stack" style={{ marginTop: 10 }}>
          <label className="checkbox">
            <input type="checkbox" checked={form.rejectUnauthorized} onChange={(e) => set({ rejectUnauthorized: e.target.checked })} />
            {t("verify")}
          </label>
          <FormField label={t("ca")} name="ca" htmlFor={`${idPrefix}-ca`} errors={errors.ca}>
            <textarea id={`${idPrefix}-ca`} value={form.ca} onChange={(e) => set({ ca: e.target.value })} />
          </FormField>
          <FormField label={t("cert")} name="cert" htmlFor={`${idPrefix}-cert`} errors={errors.cert}>
            <textarea id={`${idPrefix}-cert`} value={form.cert} onChange={(e) => set({ cert: e.target.value })} />
          </FormField>
          <FormField label={t("key")} name="key" htmlFor={`${idPrefix}-key`} errors={errors.key}>
            <SecretInput id={`${idPrefix}-key`} multiline value={form.key} onChange={(key) => set({ key })} isStored={Boolean(stored.key)} />
          </FormField>
        </div>
      ) : null}
    </fieldset>
  );
}
