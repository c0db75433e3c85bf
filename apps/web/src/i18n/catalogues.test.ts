import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./locales";
import { EN_MESSAGES, MESSAGES } from "./messages";

type Tree = { [key: string]: string | Tree };

/** Every leaf of a catalogue as "a.b.c" → text. */
function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") {
      out.set(path, v);
    } else {
      for (const [p, t] of leaves(v, path)) {
        out.set(p, t);
      }
    }
  }
  return out;
}

/** The ICU arguments a message takes: `{count, plural, …}`, `{name}` → count, name. */
function argumentsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1] as string))].sort();
}

const SRC = join(import.meta.dirname, "..");
/** Where the issues' keys of the `errors` namespace are named too: the shared schemas and the pipeline's compile. */
const ISSUE_KEY_SOURCES = ["../../../../packages/schemas/src", "../../../../packages/pipeline/src"].map((d) => join(import.meta.dirname, d));
/** Where the server sentences of connector failures (Kafka's, a search server's, a registry's) are named. */
const CONNECTOR_SOURCES = join(import.meta.dirname, "../../../../packages/connectors/src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return sourceFiles(path);
    }
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && relative(SRC, path) !== join("i18n", "messages.ts") ? [path] : [];
  });
}

const en = leaves(EN_MESSAGES as unknown as Tree);

describe("message catalogues", () => {
  it.each(LOCALES.filter((l) => l !== "en"))("%s has exactly the English keys, each with the same arguments", (locale) => {
    const other = leaves(MESSAGES[locale] as unknown as Tree);
    expect(
      [...other.keys()].filter((k) => !en.has(k)),
      "keys only in this catalogue",
    ).toEqual([]);
    expect(
      [...en.keys()].filter((k) => !other.has(k)),
      "English keys missing here",
    ).toEqual([]);
    const mismatched = [...en].filter(([k, text]) => argumentsOf(text).join() !== argumentsOf(other.get(k) ?? "").join()).map(([k]) => k);
    expect(mismatched, "messages whose arguments differ from the English").toEqual([]);
  });

  it("has no empty message", () => {
    for (const locale of LOCALES) {
      const empty = [...leaves(MESSAGES[locale] as unknown as Tree)].filter(([, t]) => t.trim() === "").map(([k]) => k);
      expect(empty, locale).toEqual([]);
    }
  });

  it("has no key the console never uses", () => {
    const files = sourceFiles(SRC).map((f) => readFileSync(f, "utf8"));
    const issueKeyFiles = ISSUE_KEY_SOURCES.flatMap(sourceFiles).map((f) => readFileSync(f, "utf8"));
    const connectorFiles = sourceFiles(CONNECTOR_SOURCES).map((f) => readFileSync(f, "utf8"));
    const quoted = (s: string) => [`"${s}"`, `'${s}'`, `\`${s}\``];
    const named = (s: string, among = files) => among.some((text) => quoted(s).some((q) => text.includes(q)));
    // A key "ns.a.b.c" is used where the code names a namespace prefix ("ns" or "ns.a") and the rest as a key
    // ("a.b.c" or "b.c"), or the rest's parent as a template's start (`b.${…}`: a key chosen at run time).
    const used = (key: string): boolean => {
      const parts = key.split(".");
      return parts.slice(0, -1).some((_, i) => {
        const rest = parts.slice(i + 1);
        const dynamicPrefixes = rest.slice(0, -1).map((_, j) => `\`${rest.slice(0, j + 1).join(".")}.\${`);
        return named(parts.slice(0, i + 1).join(".")) && (named(rest.join(".")) || files.some((text) => dynamicPrefixes.some((p) => text.includes(p))));
      });
    };
    const issueKey = (key: string) => key.startsWith("errors.") && named(key.slice("errors.".length), issueKeyFiles);
    // A server sentence is named by serverError(code, "name", …), or by the connector failure that says it: its
    // template (`server.${key}`) proves nothing.
    const SERVER = "errors.server.";
    const serverNamed = (name: string) => named(name) || named(name, connectorFiles);
    const unused = [...en.keys()].filter((k) => (k.startsWith(SERVER) ? !serverNamed(k.slice(SERVER.length)) : !used(k) && !issueKey(k)));
    expect(unused).toEqual([]);
  });
});
