"use client";

import { FormField } from "@/components/form-field";
import { AuthFields } from "./auth-fields";
import type { ConnectionFieldsProps } from "./connection-fields-props";
import { TlsFields } from "./tls-fields";

/** A Confluent-compatible schema registry: its API's URLs, authentication and TLS. */
export function SchemaRegistryConnectionFields(props: ConnectionFieldsProps) {
  const { form, set, errors, idPrefix } = props;
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
      <AuthFields props={props} secret={{ type: "bearer", label: "Bearer token" }} idKey="sr" />
      <TlsFields {...props} />
    </>
  );
}
