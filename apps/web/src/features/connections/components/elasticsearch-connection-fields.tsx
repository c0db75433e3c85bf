"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/form-field";
import { AuthFields } from "./auth-fields";
import type { ConnectionFieldsProps } from "./connection-fields-props";
import { TlsFields } from "./tls-fields";

export function ElasticsearchConnectionFields(props: ConnectionFieldsProps) {
  const t = useTranslations("connections.fields");
  const { form, set, errors, idPrefix } = props;
  return (
    <>
      <FormField label={t("nodes")} name="nodes" htmlFor={`${idPrefix}-nodes`} hint={t("nodesHint")} errors={errors.endpoints}>
        <textarea id={`${idPrefix}-nodes`} value={form.endpoints} onChange={(e) => set({ endpoints: e.target.value })} rows={2} />
      </FormField>
      <FormField label={t("dashboards")} name="dashboardsUrl" htmlFor={`${idPrefix}-dashboards`} hint={t("dashboardsHint")} errors={errors.dashboardsUrl}>
        <input
          id={`${idPrefix}-dashboards`}
          value={form.dashboardsUrl}
          onChange={(e) => set({ dashboardsUrl: e.target.value })}
          placeholder="https://kibana.example.com"
        />
      </FormField>
      <AuthFields props={props} secret="apiKey" idKey="es" />
      <TlsFields {...props} />
    </>
  );
}
