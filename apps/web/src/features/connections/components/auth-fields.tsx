"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/form-field";
import type { AuthType } from "../connection-form-model";
import type { ConnectionFieldsProps } from "./connection-fields-props";
import { SecretInput } from "./secret-input";

/** The one-secret way a server takes besides a username and password: Elasticsearch's API key, a registry's bearer token. */
export type SecretAuth = "apiKey" | "bearer";

/** Authentication of an HTTP connection: none, a username and password, or one secret. Secrets are write-only. */
export function AuthFields({ props, secret, idKey }: { props: ConnectionFieldsProps; secret: SecretAuth; idKey: string }) {
  const t = useTranslations("connections.auth");
  const { form, set, errors, stored, idPrefix } = props;
  return (
    <fieldset>
      <legend>{t("legend")}</legend>
      <div className="row" role="radiogroup" aria-label={t("legend")}>
        {(["none", "basic", secret] as AuthType[]).map((type) => (
          <label key={type} className="checkbox">
            <input type="radio" name={`${idPrefix}-auth`} checked={form.authType === type} onChange={() => set({ authType: type })} />
            {t(type)}
          </label>
        ))}
      </div>
      {form.authType === "basic" ? (
        <div className="inline-fields" style={{ marginTop: 10 }}>
          <FormField label={t("username")} name="auth.username" htmlFor={`${idPrefix}-${idKey}-user`} errors={errors.esUsername}>
            {(control) => <input {...control} value={form.esUsername} onChange={(e) => set({ esUsername: e.target.value })} autoComplete="off" />}
          </FormField>
          <FormField label={t("password")} name="auth.password" htmlFor={`${idPrefix}-${idKey}-password`} errors={errors.esPassword}>
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
      {form.authType === "apiKey" && secret === "apiKey" ? (
        <div style={{ marginTop: 10 }}>
          <FormField label={t("apiKey")} name="auth.apiKey" htmlFor={`${idPrefix}-api-key`} errors={errors.apiKey}>
            {({ id, ...control }) => (
              <SecretInput id={id} control={control} value={form.apiKey} onChange={(apiKey) => set({ apiKey })} isStored={Boolean(stored.apiKey)} />
            )}
          </FormField>
        </div>
      ) : null}
      {form.authType === "bearer" && secret === "bearer" ? (
        <div style={{ marginTop: 10 }}>
          <FormField label={t("token")} name="auth.token" htmlFor={`${idPrefix}-${idKey}-token`} errors={errors.token}>
            {({ id, ...control }) => (
              <SecretInput id={id} control={control} value={form.token} onChange={(token) => set({ token })} isStored={Boolean(stored.token)} />
            )}
          </FormField>
        </div>
      ) : null}
    </fieldset>
  );
}
