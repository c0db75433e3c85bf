"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/form-field";
import type { SaslMechanism } from "../connection-form-model";
import { connectionsOfKindOptions } from "../queries";
import type { ConnectionFieldsProps } from "./connection-fields-props";
import { SecretInput } from "./secret-input";
import { TlsFields } from "./tls-fields";

export function KafkaConnectionFields(props: ConnectionFieldsProps) {
  const t = useTranslations("connections.fields");
  const { form, set, errors, stored, idPrefix } = props;
  return (
    <>
      <FormField label={t("brokers")} name="brokers" htmlFor={`${idPrefix}-brokers`} hint={t("brokersHint")} errors={errors.endpoints}>
        <textarea id={`${idPrefix}-brokers`} value={form.endpoints} onChange={(e) => set({ endpoints: e.target.value })} rows={2} />
      </FormField>
      <TlsFields {...props} />
      <fieldset>
        <legend>{t("sasl")}</legend>
        <FormField label={t("mechanism")} name="sasl.mechanism" htmlFor={`${idPrefix}-sasl`} errors={errors.saslMechanism}>
          <select id={`${idPrefix}-sasl`} value={form.saslMechanism} onChange={(e) => set({ saslMechanism: e.target.value as SaslMechanism })}>
            <option value="">{t("none")}</option>
            <option value="plain">PLAIN</option>
            <option value="scram-sha-256">SCRAM-SHA-256</option>
            <option value="scram-sha-512">SCRAM-SHA-512</option>
          </select>
        </FormField>
        {form.saslMechanism ? (
          <div className="inline-fields">
            <FormField label={t("username")} name="sasl.username" htmlFor={`${idPrefix}-sasl-user`} errors={errors.saslUsername}>
              <input id={`${idPrefix}-sasl-user`} value={form.saslUsername} onChange={(e) => set({ saslUsername: e.target.value })} autoComplete="off" />
            </FormField>
            <FormField label={t("password")} name="sasl.password" htmlFor={`${idPrefix}-sasl-password`} errors={errors.saslPassword}>
              <SecretInput
                id={`${idPrefix}-sasl-password`}
                value={form.saslPassword}
                onChange={(saslPassword) => set({ saslPassword })}
                isStored={Boolean(stored.saslPassword)}
              />
            </FormField>
          </div>
        ) : null}
      </fieldset>
      <SchemaRegistryChoice {...props} />
    </>
  );
}

/** The registry whose schemas decode this cluster's Avro, Protobuf and JSON Schema messages (optional). */
function SchemaRegistryChoice({ form, set, errors, idPrefix }: ConnectionFieldsProps) {
  const t = useTranslations("connections.fields");
  const registries = useQuery(connectionsOfKindOptions("schema_registry"));
  const known = registries.data?.some((r) => r.id === form.schemaRegistryId) ?? false;
  return (
    <FormField label={t("registry")} name="schemaRegistryId" htmlFor={`${idPrefix}-registry`} hint={t("registryHint")} errors={errors.schemaRegistryId}>
      <select id={`${idPrefix}-registry`} value={form.schemaRegistryId} onChange={(e) => set({ schemaRegistryId: e.target.value })}>
        <option value="">{t("none")}</option>
        {registries.data?.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
        {form.schemaRegistryId && !known ? (
          <option value={form.schemaRegistryId}>{registries.isPending ? t("registryLoading") : form.schemaRegistryId}</option>
        ) : null}
      </select>
    </FormField>
  );
}
