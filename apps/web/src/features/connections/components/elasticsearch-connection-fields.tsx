"use client";

import { FormField } from "@/components/form-field";
import { AuthFields } from "./auth-fields";
import type { ConnectionFieldsProps } from "./connection-fields-props";
import { TlsFields } from "./tls-fields";

export function ElasticsearchConnectionFields(props: ConnectionFieldsProps) {
  const { form, set, errors, idPrefix } = props;
  return (
    <>
      <FormField label="Nodes" name="nodes" htmlFor={`${idPrefix}-nodes`} hint="http(s) URLs, one per line" errors={errors.endpoints}>
        <textarea id={`${idPrefix}-nodes`} value={form.endpoints} onChange={(e) => set({ endpoints: e.target.value })} rows={2} />
      </FormField>
      <FormField
        label="Kibana / OpenSearch Dashboards URL"
        name="dashboardsUrl"
        htmlFor={`${idPrefix}-dashboards`}
        hint="optional: the task page links documents to its Discover"
        errors={errors.dashboardsUrl}
      >
        <input
          id={`${idPrefix}-dashboards`}
          value={form.dashboardsUrl}
          onChange={(e) => set({ dashboardsUrl: e.target.value })}
          placeholder="https://kibana.example.com"
        />
      </FormField>
      <AuthFields props={props} secret={{ type: "apiKey", label: "API key" }} idKey="es" />
      <TlsFields {...props} />
    </>
  );
}
