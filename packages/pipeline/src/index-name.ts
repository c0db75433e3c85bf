import { byteLength } from "./bulk";
import type { Problem } from "./compile-issues";

const FORBIDDEN = ["\\", "/", "*", "?", '"', "<", ">", "|", ",", "#", ":", " "];

/** Elasticsearch's rules for index names; returns why a name is invalid, or null. */
export function indexNameProblem(name: string): string | null {
  return indexNameIssue(name)?.reason ?? null;
}

/** indexNameProblem with the key and arguments that say it for translation (see IssueList). */
export function indexNameIssue(name: string): Problem | null {
  if (name.length === 0) {
    return { reason: "index name is empty", key: "compile.indexName.empty" };
  }
  if (name !== name.toLowerCase()) {
    return { reason: `index name "${name}" must be lowercase`, key: "compile.indexName.lowercase", params: { name } };
  }
  const bad = FORBIDDEN.find((c) => name.includes(c));
  if (bad) {
    return {
      reason: `index name "${name}" must not contain ${bad === " " ? "a space" : `'${bad}'`}`,
      key: "compile.indexName.forbidden",
      params: { name, char: bad === " " ? "space" : bad },
    };
  }
  if (/^[-_+]/.test(name)) {
    return { reason: `index name "${name}" must not start with '-', '_' or '+'`, key: "compile.indexName.start", params: { name } };
  }
  if (name === "." || name === "..") {
    return { reason: `index name must not be "${name}"`, key: "compile.indexName.dots", params: { name } };
  }
  if (byteLength(name) > 255) {
    const prefix = name.slice(0, 40);
    return { reason: `index name "${prefix}…" is longer than 255 bytes`, key: "compile.indexName.tooLong", params: { prefix } };
  }
  return null;
}
