"use client";

import { FormField } from "@/components/form-field";
import type { AuthType } from "../connection-form-model";
import type { ConnectionFieldsProps } from "./connection-fields-props";
import { SecretInput } from "./secret-input";
import { TlsFields } from "./tls-fields";

export function ElasticsearchConnectionFields(props: ConnectionFieldsProps) {
  const { form, set, errors, stored, idPrefix } = props;
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
      <fieldset>
        <legend>Authentication</legend>
        <div className="row" role="radiogroup" aria-label="Authentication">
          {(["none", "basic", "apiKey"] as AuthType[]).map((t) => (
            <label key={t} className="checkbox">
              <input type="radio" name={`${idPrefix}-auth`} checked={form.authType === t} onChange={() => set({ authType: t })} />
              {t === "none" ? "None" : t === "basic" ? "Username and password" : "API key"}
            </label>
          ))}
        </div>
        {form.authType === "basic" ? (
          <div className="inline-fields" style={{ marginTop: 10 }}>
            <FormField label="Username" name="auth.username" htmlFor={`${idPrefix}-es-user`} errors={errors.esUsername}>
              <input id={`${idPrefix}-es-user`} value={form.esUsername} onChange={(e) => set({ esUsername: e.target.value })} autoComplete="off" />
            </FormField>
            <FormField label="Password" name="auth.password" htmlFor={`${idPrefix}-es-password`} errors={errors.esPassword}>
              <SecretInput
                id={`${idPrefix}-es-password`}
                value={form.esPassword}
                onChange={(esPassword) => set({ esPassword })}
                isStored={Boolean(stored.esPassword)}
              />
            </FormField>
          </div>
        ) : null}
        {form.authType === "apiKey" ? (
          <div style={{ marginTop: 10 }}>
            <FormField label="API key" name="auth.apiKey" htmlFor={`${idPrefix}-api-key`} errors={errors.apiKey}>
              <SecretInput id={`${idPrefix}-api-key`} value={form.apiKey} onChange={(apiKey) => set({ apiKey })} isStored={Boolean(stored.apiKey)} />
            </FormField>
          </div>
        ) : null}
      </fieldset>
      <TlsFields {...props} />
    </>
  );
}
