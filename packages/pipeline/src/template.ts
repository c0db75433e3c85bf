import type { Problem } from "./compile-issues";
import { isScalar, scalarText } from "./exact-number";
import { type CompiledPath, compilePath, getPath } from "./field-path";

/** `logs-{$.app}-{level}`: literal text with `{field path}` references. `{{` and `}}` escape braces. */
export type Template = {
  source: string;
  fields: CompiledPath[];
  render(record: unknown): { ok: true; value: string } | { ok: false; reason: string };
};

type Part = { literal: string } | { path: CompiledPath };

export function compileTemplate(source: string): { ok: true; template: Template } | ({ ok: false } & Problem) {
  const parts: Part[] = [];
  let literal = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "{" && source[i + 1] === "{") {
      literal += "{";
      i++;
    } else if (c === "}" && source[i + 1] === "}") {
      literal += "}";
      i++;
    } else if (c === "{") {
      const end = source.indexOf("}", i);
      if (end < 0) {
        return { ok: false, reason: `unclosed '{' at position ${i}`, key: "compile.template.unclosed", params: { position: i } };
      }
      const compiled = compilePath(source.slice(i + 1, end));
      if (!compiled.ok) {
        return { ok: false, reason: `field reference at position ${i}: ${compiled.reason}` };
      }
      if (literal) {
        parts.push({ literal });
        literal = "";
      }
      parts.push({ path: compiled.path });
      i = end;
    } else if (c === "}") {
      return {
        ok: false,
        reason: `unexpected '}' at position ${i} (write '}}' for a literal brace)`,
        key: "compile.template.unexpectedClose",
        params: { position: i },
      };
    } else {
      literal += c;
    }
  }
  if (literal) {
    parts.push({ literal });
  }
  const fields = parts.flatMap((p) => ("path" in p ? [p.path] : []));
  const render = (record: unknown) => {
    let out = "";
    for (const p of parts) {
      if ("literal" in p) {
        out += p.literal;
        continue;
      }
      const v = getPath(record, p.path);
      if (v === undefined || v === null) {
        return { ok: false as const, reason: `field ${p.path.source} is missing` };
      }
      if (!isScalar(v)) {
        return { ok: false as const, reason: `field ${p.path.source} is ${Array.isArray(v) ? "an array" : "an object"}, not a value` };
      }
      out += scalarText(v);
    }
    return { ok: true as const, value: out };
  };
  return { ok: true, template: { source, fields, render } };
}
