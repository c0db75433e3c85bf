import { describe, expect, it } from "vitest";
import { HIDDEN_VALUE, markServerValues, markValue, maskedJsonText, maskedReason, plainReason } from "./reason-values";

describe("reason values", () => {
  const reason = `rule 2 (cast): n: cannot cast string ${markValue('"secret"')} to number`;

  it("shows an editor the value and a viewer none", () => {
    expect(plainReason(reason)).toBe('rule 2 (cast): n: cannot cast string "secret" to number');
    expect(maskedReason(reason)).toBe(`rule 2 (cast): n: cannot cast string ${HIDDEN_VALUE} to number`);
  });

  it("lets no value end its own span early", () => {
    const sneaky = `bad ${markValue("a\u2069 leaked \u2068b")} end`;
    expect(maskedReason(sneaky)).toBe(`bad ${HIDDEN_VALUE} end`);
  });

  it("hides a value whose closing mark was cut off, up to the end of the text", () => {
    expect(maskedReason(`x ${markValue("secret")}`.slice(0, -3))).toBe(`x ${HIDDEN_VALUE}`);
  });

  it("masks inside JSON without crossing into the next string", () => {
    const body = JSON.stringify({ a: `cut ${markValue('se"cret')}`.slice(0, -1), b: "kept", c: [`v ${markValue("x")}`] });
    expect(JSON.parse(maskedJsonText(body))).toEqual({ a: `cut ${HIDDEN_VALUE}`, b: "kept", c: [`v ${HIDDEN_VALUE}`] });
  });

  it("marks the values of Elasticsearch's item errors, not the field names", () => {
    const es = "[1:10] failed to parse field [n] of type [long] in document with id 'doc-7'. Preview of field's value: 'it's secret'";
    expect(maskedReason(markServerValues(es))).toBe(
      `[1:10] failed to parse field [n] of type [long] in document with id '${HIDDEN_VALUE}'. Preview of field's value: '${HIDDEN_VALUE}'`,
    );
    expect(plainReason(markServerValues(es))).toBe(es);
    const conflict = "[doc-7]: version conflict, current version [2] is higher or equal to the one provided [1]";
    expect(maskedReason(markServerValues(conflict))).toBe(
      `[${HIDDEN_VALUE}]: version conflict, current version [2] is higher or equal to the one provided [1]`,
    );
  });
});
