import { byteLength } from "./bulk";

const FORBIDDEN = ["\\", "/", "*", "?", '"', "<", ">", "|", ",", "#", ":", " "];

/** Elasticsearch's rules for index names; returns why a name is invalid, or null. */
export function indexNameProblem(name: string): string | null {
  if (name.length === 0) {
    return "index name is empty";
  }
  if (name !== name.toLowerCase()) {
    return `index name "${name}" must be lowercase`;
  }
  const bad = FORBIDDEN.find((c) => name.includes(c));
  if (bad) {
    return `index name "${name}" must not contain ${bad === " " ? "a space" : `'${bad}'`}`;
  }
  if (/^[-_+]/.test(name)) {
    return `index name "${name}" must not start with '-', '_' or '+'`;
  }
  if (name === "." || name === "..") {
    return `index name must not be "${name}"`;
  }
  if (byteLength(name) > 255) {
    return `index name "${name.slice(0, 40)}…" is longer than 255 bytes`;
  }
  return null;
}
