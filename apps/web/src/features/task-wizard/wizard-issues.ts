import { safeCompileTask } from "@outflow/pipeline";
import { CreateTaskRequest } from "@outflow/schemas/api/tasks";
import { type Issue, issuesFromZod } from "@outflow/schemas/errors";
import type { Locale } from "../../i18n/locales";
import type { ApiError } from "../../lib/http/fetch-json";
import { localizeIssue } from "../../lib/http/localize-error";
import { getAt, type Path, related, setAt } from "./draft-paths";
import type { WizardDraft } from "./wizard-draft";

export type WizardIssue = Issue & { origin: "client" | "server" };

/**
 * The same checks the server runs (name schema + the pipeline's compile), on every keystroke. Fields are draft paths.
 * Every problem at once: the schema stops at its own problems (patterns, templates and cross-field rules are
 * checked only once it holds), so the config is compiled again with a stand-in at each problem's place until it
 * compiles or nothing is left to stand in for, and what each round finds elsewhere is added.
 */
export function clientIssues(draft: WizardDraft, locale: Locale = "en"): WizardIssue[] {
  const out: WizardIssue[] = [];
  const name = CreateTaskRequest.shape.name.safeParse(draft.name);
  if (!name.success) {
    out.push(...issuesFromZod(name.error).map((i) => ({ ...i, field: "name", message: localizeIssue(i, locale), origin: "client" as const })));
  }
  const seen = new Set<string>();
  const stoodIn: Path[] = [];
  let config: unknown = draft.config;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const compiled = safeCompileTask(config);
    if (compiled.ok) {
      break;
    }
    const fresh = compiled.issues.filter((i) => !seen.has(keyOf(i)) && !stoodIn.some((p) => related(p, i.field)));
    for (const i of fresh) {
      seen.add(keyOf(i));
      out.push({ ...i, message: localizeIssue(i, locale), origin: "client" });
    }
    let next = config;
    for (const i of compiled.issues) {
      const repaired = standIn(next, i.field);
      if (repaired) {
        next = repaired.config;
        stoodIn.push(repaired.at);
      }
    }
    if (next === config) {
      break;
    }
    config = next;
  }
  return out;
}

const MAX_ROUNDS = 8;
const keyOf = (i: Issue) => `${i.field}\u0000${i.message}`;
const NOOP_RULE = { type: "drop_empty" };

/**
 * A config like `config` that no longer has the problem at `field` (a placeholder, a harmless rule, or the option
 * left out for its default), and the path that now holds a stand-in; null when there is nothing to stand in for.
 */
function standIn(config: unknown, field: Path): { config: unknown; at: Path } | null {
  const [head, second, third] = field.split(".");
  const set = (at: Path, value: unknown) => (getAt(config, at) === value ? null : { config: setAt(config, at, value), at });
  switch (head) {
    case "source":
      if (second === "connectionId") {
        return set("source.connectionId", "stand-in");
      }
      if (second === "topics") {
        return { config: setAt(config, "source.topics", ["stand-in"]), at: "source.topics" };
      }
      return second ? drop(config, `source.${second}`) : null;
    case "sink":
      if (second === "connectionId" || second === "index") {
        return set(`sink.${second}`, "stand-in");
      }
      if (second === "cdc" && third === "primaryKey") {
        return { config: setAt(config, "sink.cdc.primaryKey", ["$.stand_in"]), at: "sink.cdc.primaryKey" };
      }
      if (second === "aggregation" && third === "groupBy") {
        return { config: setAt(config, "sink.aggregation.groupBy", ["$.stand_in"]), at: "sink.aggregation.groupBy" };
      }
      return second ? drop(config, `sink.${second}`) : null;
    case "rules":
      return second !== undefined && /^\d+$/.test(second) ? set(`rules.${second}`, NOOP_RULE) : null;
    case "parse":
      return second ? drop(config, `parse.${second}`) : null;
    case "failure":
    case "delivery":
    case "alerts":
      return drop(config, head);
    default:
      return null;
  }
}

/** The option left out (its default applies). */
function drop(config: unknown, at: Path): { config: unknown; at: Path } | null {
  return getAt(config, at) === undefined ? null : { config: setAt(config, at, undefined), at };
}

/** Server fields are request paths (`config.sink.index`, `name`): the draft's paths drop the `config.` prefix. */
export function draftPathOf(serverField: string): Path {
  if (serverField === "config") {
    return "";
  }
  return serverField.startsWith("config.") ? serverField.slice("config.".length) : serverField;
}

export function serverIssues(err: ApiError): WizardIssue[] {
  return err.allIssues.map((i) => ({ field: draftPathOf(i.field), message: i.message, origin: "server" as const }));
}

/** Server issues stay until their field is edited; client issues show once their field was touched (or after a save attempt). */
export function visibleIssues(client: WizardIssue[], server: WizardIssue[], touched: ReadonlySet<Path>, showAll: boolean): WizardIssue[] {
  const shownClient = showAll ? client : client.filter((i) => [...touched].some((t) => related(t, i.field)));
  const serverKeys = new Set(server.map((i) => `${i.field}\u0000${i.message}`));
  return [...server, ...shownClient.filter((i) => !serverKeys.has(`${i.field}\u0000${i.message}`))];
}
