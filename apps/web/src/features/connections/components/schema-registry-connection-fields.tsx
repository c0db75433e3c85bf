"use client";

import { FormField } from "@/components/form-field";
import type { AuthType } from "../connection-form-model";
import type { ConnectionFieldsProps } from "./connection-fields-props";
import { SecretInput } from "./secret-input";
import { TlsFields } from "./tls-fields";

const AUTH_LABEL: Partial<Record<AuthType, string>> = { none: "None", basic: "Username and password", bearer: "Bearer token" };

/** A Confluent-compatible schema registry: its API's URLs, authentication and TLS. */
export function SchemaRegistryConnectionFields(props: ConnectionFieldsProps) {
  const { form, set, errors, stored, idPrefix } = props;
  return (
    <>
      <FormField
        label="Registry URLs"
        name="urls"
        htmlFor={`${idPrefix}-urls`}
        hint="the Confluent-compatible API, one per line (tried in order); Apicurio Registry: http://host:8080/apis/ccompat/v7"
        errors={errors.endpoints}
      >
        <textarea id={`${idPrefix}-urls`} value={form.endpoints} onChange={(e) => set({ endpoints: e.target.value })} rows={2} />
      </FormField>
      <fieldset>
        <legend>Authentication</legend>
        <div className="row" role="radiogroup" aria-label="Authentication">
          {(["none", "basic", "bearer"] as AuthType[]).map((t) => (
            <label key={t} className="checkbox">
              <input type="radio" name={`${idPrefix}-auth`} checked={form.authType === t} onChange={() => set({ authType: t })} />
              {AUTH_LABEL[t]}
            </label>
          ))}
        </div>
        {form.authType === "basic" ? (
          <div className="inline-fields" style={{ marginTop: 10 }}>
            <FormField label="Username" name="auth.username" htmlFor={`${idPrefix}-sr-user`} errors={errors.esUsername}>
              <input id={`${idPrefix}-sr-user`} value={form.esUsername} onChange={(e) => set({ esUsername: e.target.value })} autoComplete="off" />
            </FormField>
            <FormField label="Password" name="auth.password" htmlFor={`${idPrefix}-sr-password`} errors={errors.esPassword}>
              <SecretInput
                id={`${idPrefix}-sr-password`}
                value={form.esPassword}
                onChange={(esPassword) => set({ esPassword })}
                isStored={Boolean(stored.esPassword)}
              />
            </FormField>
          </div>
        ) : null}
        {form.authType === "bearer" ? (
          <div style={{ marginTop: 10 }}>
            <FormField label="Token" name="auth.token" htmlFor={`${idPrefix}-sr-token`} errors={errors.token}>
              <SecretInput id={`${idPrefix}-sr-token`} value={form.token} onChange={(token) => set({ token })} isStored={Boolean(stored.token)} />
            </FormField>
          </div>
        ) : null}
      </fieldset>
      <TlsFields {...props} />
    </>
  );
}
