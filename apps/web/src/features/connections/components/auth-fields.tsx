"use client";

import { FormField } from "@/components/form-field";
import type { AuthType } from "../connection-form-model";
import type { ConnectionFieldsProps } from "./connection-fields-props";
import { SecretInput } from "./secret-input";

/** The one-secret way a server takes besides a username and password: Elasticsearch's API key, a registry's bearer token. */
export type SecretAuth = { type: "apiKey"; label: "API key" } | { type: "bearer"; label: "Bearer token" };

/** Authentication of an HTTP connection: none, a username and password, or one secret. Secrets are write-only. */
export function AuthFields({ props, secret, idKey }: { props: ConnectionFieldsProps; secret: SecretAuth; idKey: string }) {
  const { form, set, errors, stored, idPrefix } = props;
  const label: Partial<Record<AuthType, string>> = { none: "None", basic: "Username and password", [secret.type]: secret.label };
  return (
    <fieldset>
      <legend>Authentication</legend>
      <div className="row" role="radiogroup" aria-label="Authentication">
        {(["none", "basic", secret.type] as AuthType[]).map((t) => (
          <label key={t} className="checkbox">
            <input type="radio" name={`${idPrefix}-auth`} checked={form.authType === t} onChange={() => set({ authType: t })} />
            {label[t]}
          </label>
        ))}
      </div>
      {form.authType === "basic" ? (
        <div className="inline-fields" style={{ marginTop: 10 }}>
          <FormField label="Username" name="auth.username" htmlFor={`${idPrefix}-${idKey}-user`} errors={errors.esUsername}>
            {(control) => <input {...control} value={form.esUsername} onChange={(e) => set({ esUsername: e.target.value })} autoComplete="off" />}
          </FormField>
          <FormField label="Password" name="auth.password" htmlFor={`${idPrefix}-${idKey}-password`} errors={errors.esPassword}>
            {({ id, ...control }) => (
              <SecretInput
                id={id}
                control={control}
                value={form.esPassword}
                onChange={(esPassword) => set({ esPassword })}
                isStored={Boolean(stored.esPassword)}
              />
            )}
          </FormField>
        </div>
      ) : null}
      {form.authType === "apiKey" && secret.type === "apiKey" ? (
        <div style={{ marginTop: 10 }}>
          <FormField label="API key" name="auth.apiKey" htmlFor={`${idPrefix}-api-key`} errors={errors.apiKey}>
            {({ id, ...control }) => (
              <SecretInput id={id} control={control} value={form.apiKey} onChange={(apiKey) => set({ apiKey })} isStored={Boolean(stored.apiKey)} />
            )}
          </FormField>
        </div>
      ) : null}
      {form.authType === "bearer" && secret.type === "bearer" ? (
        <div style={{ marginTop: 10 }}>
          <FormField label="Token" name="auth.token" htmlFor={`${idPrefix}-${idKey}-token`} errors={errors.token}>
            {({ id, ...control }) => (
              <SecretInput id={id} control={control} value={form.token} onChange={(token) => set({ token })} isStored={Boolean(stored.token)} />
            )}
          </FormField>
        </div>
      ) : null}
    </fieldset>
  );
}
