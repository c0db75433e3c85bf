import type { Condition } from "@outflow/schemas/rules";
import type { IssueList } from "../compile-issues";
import { truncate } from "../date-format";
import { compareNumbers, isJsonNumber, isScalar, type JsonNumber, numberFromText, scalarText } from "../exact-number";
import { compilePath, getPath } from "../field-path";
import { compileUserRegex, tooLongToMatch } from "../user-regex";

/** `test` answers true/false, or a string: why the condition cannot be evaluated (the message then fails). */
export type CompiledCondition = { describe: string; test(record: unknown): boolean | string };

export function compileCondition(c: Condition, issues: IssueList, at: string): CompiledCondition | undefined {
  const path = compilePath(c.field);
  if (!path.ok) {
    issues.addProblem(`${at}.field`, path);
    return undefined;
  }
  const get = (r: unknown) => getPath(r, path.path);
  const fold = (s: string) => (c.caseInsensitive ? s.toLowerCase() : s);
  const label = `${c.field} ${c.op}${c.value === undefined ? "" : ` ${truncate(JSON.stringify(c.value), 40)}`}`;
  const needValue = (kind: "string" | "number" | "scalar"): boolean => {
    const v = c.value;
    const ok = kind === "string" ? typeof v === "string" : kind === "number" ? toNumber(v) !== null : v !== undefined;
    if (!ok) {
      issues.add(
        `${at}.value`,
        kind === "number"
          ? `"${c.op}" needs a number value (or a number written as a string, e.g. "9007199254740993", to keep every digit)`
          : `"${c.op}" needs a ${kind === "scalar" ? "value" : kind} value`,
        kind === "number" ? "compile.condition.numberValue" : kind === "scalar" ? "compile.condition.scalarValue" : "compile.condition.stringValue",
        { op: c.op },
      );
    }
    return ok;
  };
  switch (c.op) {
    case "exists":
      return { describe: label, test: (r) => isPresent(get(r)) };
    case "not_exists":
      return { describe: label, test: (r) => !isPresent(get(r)) };
    case "equals":
    case "not_equals": {
      if (!needValue("scalar")) {
        return undefined;
      }
      const want = c.value;
      const eq = (v: unknown) => scalarEquals(v, want, c.caseInsensitive);
      return { describe: label, test: c.op === "equals" ? (r) => eq(get(r)) : (r) => !eq(get(r)) };
    }
    case "contains": {
      if (!needValue("string")) {
        return undefined;
      }
      const want = fold(c.value as string);
      return {
        describe: label,
        test: (r) => {
          const v = get(r);
          if (Array.isArray(v)) {
            return v.some((x) => isScalar(x) && fold(scalarText(x)) === want);
          }
          return isScalar(v) && fold(scalarText(v)).includes(want);
        },
      };
    }
    case "regex": {
      if (!needValue("string")) {
        return undefined;
      }
      const re = compileUserRegex(c.value as string, c.caseInsensitive ? "i" : "");
      if (!re.ok) {
        issues.add(`${at}.value`, re.reason);
        return undefined;
      }
      return {
        describe: label,
        test: (r) => {
          const v = get(r);
          if (!isScalar(v)) {
            return false;
          }
          const text = scalarText(v);
          return tooLongToMatch(text) ?? re.regex.test(text);
        },
      };
    }
    default: {
      if (!needValue("number")) {
        return undefined;
      }
      // A bound written as a string keeps every digit (a JSON number past 2^53 is refused at the API).
      const want = toNumber(c.value) as JsonNumber;
      // Exact: 9007199254740993 is above 9007199254740992, though both are the same double.
      const cmp = {
        gt: (a: JsonNumber) => compareNumbers(a, want) > 0,
        gte: (a: JsonNumber) => compareNumbers(a, want) >= 0,
        lt: (a: JsonNumber) => compareNumbers(a, want) < 0,
        lte: (a: JsonNumber) => compareNumbers(a, want) <= 0,
      }[c.op];
      return {
        describe: label,
        test: (r) => {
          const n = toNumber(get(r));
          return n !== null && cmp(n);
        },
      };
    }
  }
}

function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function scalarEquals(v: unknown, want: unknown, caseInsensitive: boolean): boolean {
  if (want === null) {
    return v === null;
  }
  if (!isScalar(v)) {
    return false;
  }
  if (isJsonNumber(v) && isJsonNumber(want)) {
    return compareNumbers(v, want) === 0;
  }
  if (typeof v === typeof want) {
    return caseInsensitive && typeof v === "string" ? v.toLowerCase() === (want as string).toLowerCase() : v === want;
  }
  const a = scalarText(v);
  const b = isScalar(want) ? scalarText(want) : String(want);
  return caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** A field's value as a number for comparisons: numbers, and strings holding one (`" 12 "`, `"1e3"`). */
export function toNumber(v: unknown): JsonNumber | null {
  if (isJsonNumber(v)) {
    return typeof v === "number" && !Number.isFinite(v) ? null : v;
  }
  return typeof v === "string" ? numberFromText(v) : null;
}
