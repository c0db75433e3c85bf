import type { FieldMessage } from "@/components/form-field";
import type { ConnectionFormState, FormKey, StoredSecrets } from "../connection-form-model";

/** What each group of connection fields gets from the form. */
export type ConnectionFieldsProps = {
  form: ConnectionFormState;
  set: (patch: Partial<ConnectionFormState>) => void;
  errors: Partial<Record<FormKey, FieldMessage[]>>;
  stored: StoredSecrets;
  idPrefix: string;
};
