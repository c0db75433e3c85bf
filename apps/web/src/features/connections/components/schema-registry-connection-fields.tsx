"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/form-field";
import { AuthFields } from "./auth-fields";
import type { ConnectionFieldsProps } from "./connection-fields-props";
import { TlsFields } from "./tls-fields";

/** A Confluent-compatible schema registry: its API's URLs, authentication and TLS. */
export function SchemaRegistryConnectionFields(props: ConnectionFieldsProps) {
  const t = useTranslations("connections.fields");
  const { form, set, errors, idPrefix } = props;
  return (
    <>
      <FormField label={t("urls")} name="urls" htmlFor={`${idPrefix}-urls`} hint={t("urlsHint")} errors={errors.endpoints}>
        <textarea id={`${idPrefix}-urls`} value={form.endpoints} onChange={(e) => set({ endpoints: e.target.value })} rows={2} />
      </FormField>
      <AuthFields props={props} secret="bearer" idKey="sr" />
      <TlsFields {...props} />
    </>
  );
}
