"use client";

import { useWizard } from "../../wizard-context";
import { CheckboxToggle } from "../inputs/checkbox-toggle";
import { FieldPathListField } from "../inputs/field-path-field";
import { SelectField } from "../inputs/select-field";
import { TextField } from "../inputs/text-field";

const P = "sink.cdc";

/** CDC sync: change events (Debezium, Canal, Maxwell) become index/update/delete by primary key. */
export function CdcFields() {
  const w = useWizard();
  return (
    <>
      <CheckboxToggle
        path={P}
        label="CDC sync (change events become writes and deletes by primary key)"
        make={() => ({ format: "debezium", primaryKey: [], delimiter: "_" })}
      />
      {w.get(P) !== undefined ? (
        <div className="subpanel inline-fields">
          <SelectField
            path={`${P}.format`}
            label="Change event format"
            choices={[
              { value: "debezium", label: "Debezium" },
              { value: "canal", label: "Canal" },
              { value: "maxwell", label: "Maxwell" },
            ]}
          />
          <FieldPathListField path={`${P}.primaryKey`} label="Primary key" placeholder="$.id" hint="Field paths of the row, comma-separated" />
          <TextField path={`${P}.delimiter`} label="Key delimiter" mono />
        </div>
      ) : null}
    </>
  );
}
