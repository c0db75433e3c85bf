import type { TaskConfig } from "@outflow/schemas/task-config";
import { compileTemplate } from "./template";

type Sink = Pick<TaskConfig["sink"], "index" | "dateSplit">;

/**
 * Which indices a task writes, as far as its sink says: `expression` is what to ask the server for (`_cat/indices`,
 * `_search`), `matches` whether a concrete index has the task's shape. `exact` is false for index templates, where
 * an index another writer made in the same shape matches too; a static name (an index or an alias) and its date
 * split are exact.
 */
export type IndexScope = { expression: string; exact: boolean; matches: (index: string) => boolean; describe: string };

/** Date-split suffixes (`yyyyMMdd`, `yyyy.MM.dd.HH`, …) as a pattern: digits in the letters' places. */
function datePattern(format: string): string {
  return format.replace(/yyyy|MM|dd|HH|[^yMdH]/g, (part) => (part === "yyyy" ? "\\d{4}" : part.length === 2 ? "\\d{2}" : literal(part)));
}

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function indexScope(sink: Sink): IndexScope {
  const compiled = compileTemplate(sink.index);
  const rendered = compiled.ok && compiled.template.fields.length === 0 ? compiled.template.render({}) : null;
  const split = sink.dateSplit ? `_${datePattern(sink.dateSplit.format)}` : "";
  if (rendered?.ok) {
    const name = rendered.value;
    if (!sink.dateSplit) {
      // An alias resolves to its concrete indices on the server: whatever it names is the task's.
      return { expression: name, exact: true, matches: () => true, describe: name };
    }
    const re = new RegExp(`^${literal(name)}${split}$`);
    return { expression: `${name}_*`, exact: true, matches: (i) => re.test(i), describe: `${name}_<${sink.dateSplit.format}>` };
  }
  // A template: each {field} becomes `*` for the server and one or more characters for the check.
  const literals = sink.index.split(/\{[^{}]*\}/);
  const re = new RegExp(`^${literals.map(literal).join(".+")}${split}$`);
  return {
    expression: `${literals.join("*")}${sink.dateSplit ? "_*" : ""}`,
    exact: false,
    matches: (i) => re.test(i),
    describe: `${sink.index}${sink.dateSplit ? `_<${sink.dateSplit.format}>` : ""}`,
  };
}
