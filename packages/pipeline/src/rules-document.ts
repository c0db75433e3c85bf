import type { RulesDocument } from "@outflow/schemas/api/rules";
import type { Issue } from "@outflow/schemas/errors";
import { IssueList } from "./compile-issues";
import { compileFormat, isRegistryFormat } from "./formats/compile-format";
import { compileRules } from "./rules/compile-rules";

/** Checks what zod cannot (paths, patterns, formats) in a rules document; issues name fields like `rules.3.pattern`. */
export function rulesDocumentIssues(doc: RulesDocument): Issue[] {
  const issues = new IssueList();
  // A registry format has nothing to compile until its schemas are known (the task's own parse format only).
  if (doc.parse && !isRegistryFormat(doc.parse.format)) {
    compileFormat(doc.parse.format, issues, "parse.format");
  }
  compileRules(doc.rules, issues);
  return issues.items;
}
