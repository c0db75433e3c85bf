import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";

type Tree = { [key: string]: string | Tree };

const MESSAGES_DIR = join(import.meta.dirname, "../../apps/web/messages");

/** A language's catalogues, by namespace (the file's name), as the console's i18n/messages.ts assembles them. */
export function catalogue(locale: "en" | "zh-CN"): Tree {
  const dir = join(MESSAGES_DIR, locale);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(dir, f), "utf8")) as Tree]),
  );
}

/** The text of a catalogue key ("wizard.source.title"); a missing key fails the test at once. */
export function message(locale: "en" | "zh-CN", key: string): string {
  let node: string | Tree | undefined = catalogue(locale);
  for (const part of key.split(".")) {
    node = typeof node === "object" ? node[part] : undefined;
  }
  if (typeof node !== "string") {
    throw new Error(`no message ${key} in ${locale}`);
  }
  return node;
}

function leaves(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    return typeof v === "string" ? [[path, v] as [string, string]] : leaves(v, path);
  });
}

/**
 * Names a Chinese page may show in Latin letters: products, protocols, formats, units and the API's own values.
 * Everything else in Latin letters on a control, label or heading is an English string left behind.
 */
export const LATIN_ALLOWED = new Set(
  (
    "Outflow Kafka Elasticsearch OpenSearch Kibana Dashboards JSON NDJSON Avro Protobuf CDC Debezium API URL URLs ID IDs TLS SSL SASL " +
    "PLAIN SCRAM SHA HTTP HTTPS PEM CA UTC ISO Grok CSV Flink SQL Prometheus webhook Webhook webhooks Webhook UI OK " +
    "KiB MiB GiB TiB B ms s min h d p50 p95 p99 n/a GET POST PUT PATCH DELETE retain discard dead_letter earliest latest " +
    "timestamp JSONPath English Apicurio Confluent Schema Registry JSON Schema int64 UUID md5 sha1 sha256 xxhash base64 hex"
  ).split(/\s+/),
);

/** Whole texts a Chinese page shows as they are: input formats and query examples in the search servers' syntax. */
export const TEXTS_ALLOWED = new Set(["YYYY-MM-DD HH:mm:ss UTC", "YYYY-MM-DD HH:mm:ss", "level:error AND service:api", "now", "English"]);

/**
 * The English texts of the catalogues (those the Chinese catalogue words differently), cut at their ICU arguments
 * into literal pieces of two words or more: finding one of them on a Chinese page means a string was not translated.
 */
export function englishPhrases(): string[] {
  const zh = new Map(leaves(catalogue("zh-CN")));
  const out = new Set<string>();
  for (const [key, en] of leaves(catalogue("en"))) {
    if (zh.get(key) === en) {
      continue;
    }
    for (const piece of en.split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/)) {
      const p = piece.trim();
      if (/[a-z]{2,} [a-z]{2,}/i.test(p) && p.length >= 8) {
        out.add(p);
      }
    }
  }
  return [...out];
}

/**
 * What is left in English on the page: catalogue phrases in its visible text (data excluded: code, pre, inputs and
 * elements marked data-user-content), and controls, labels, headings and column heads whose whole text is Latin words
 * that are not allowed names.
 */
export async function englishLeft(page: Page, phrases: string[]): Promise<string[]> {
  const { text, prose, controls } = await page.evaluate(() => {
    const skip = "code, pre, textarea, input, script, style, [data-user-content], .json-view, [data-server-text]";
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || el.tagName === "BODY";
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    // Table cells hold data (names of tokens, connections, tasks): searched for catalogue phrases, not for prose.
    const prose: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (parent && !parent.closest(skip) && visible(parent)) {
        parts.push(n.textContent ?? "");
        if (!parent.closest("td")) {
          prose.push(n.textContent ?? "");
        }
      }
    }
    const controls = Array.from(document.querySelectorAll("button, label, legend, th, summary, h1, h2, h3, option, [role=tab], nav a"))
      .filter((el) => !el.closest(skip) && visible(el.tagName === "OPTION" ? (el.parentElement ?? el) : el))
      .flatMap((el) => [(el.textContent ?? "").trim(), el.getAttribute("aria-label") ?? ""])
      .filter((t) => t !== "");
    const labelled = Array.from(document.querySelectorAll("[aria-label], [placeholder], [title]"))
      .filter((el) => !el.closest("script, style, [data-user-content]"))
      .flatMap((el) => [el.getAttribute("aria-label"), el.getAttribute("placeholder"), el.getAttribute("title")])
      .filter((t): t is string => !!t);
    return { text: parts.join(" ").replace(/\s+/g, " "), prose: prose.join(" ").replace(/\s+/g, " "), controls: [...controls, ...labelled] };
  });
  const found = phrases.filter((p) => text.includes(p) || controls.some((c) => c.includes(p)));
  // Three English words in a row in the page's own text (not data) are a sentence left in English.
  const sentences = (prose.match(/\b[A-Za-z][a-z]+(?: [A-Za-z][a-z]+){2,}\b/g) ?? []).filter((m) => m.split(" ").some((w) => !LATIN_ALLOWED.has(w)));
  const latinOnly = controls.filter((c) => {
    if (TEXTS_ALLOWED.has(c)) {
      return false;
    }
    // Words as English writes them (`Save`, `retry`); identifiers (`kafka-x7`, `wR-iUqIB`, `camelCase`) are data.
    const words = c.split(/[\s,.:()?!…]+/).filter((w) => /^[A-Z]?[a-z]+$/.test(w));
    return /^[A-Za-z][A-Za-z ,.'’:()?!…-]*$/.test(c) && words.some((w) => !LATIN_ALLOWED.has(w));
  });
  return [...new Set([...found, ...sentences, ...latinOnly])];
}
