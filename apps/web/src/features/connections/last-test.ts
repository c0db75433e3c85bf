import type { Connection, ConnectionLastTest } from "@outflow/schemas/connection";
import { IssueParams } from "@outflow/schemas/errors";
import type { useTranslations } from "next-intl";
import type { Locale } from "../../i18n/locales";
import { catalogueMessage } from "../../lib/http/localize-error";

/** The connections catalogue's translator (`useTranslations("connections")`). */
export type ConnectionsT = ReturnType<typeof useTranslations<"connections">>;

/** What the console shows of a connection's latest test: its outcome and what it found on the other side. */
export type LastTestSummary =
  | { state: "never" }
  | { state: "ok" | "failed"; at: string; latencyMs: number; server: string | null; category: string | null; error: string | null };

export function summarizeLastTest(test: ConnectionLastTest | null, t: ConnectionsT, locale: Locale = "en"): LastTestSummary {
  if (!test) {
    return { state: "never" };
  }
  const category = typeof test.details?.category === "string" ? test.details.category : null;
  return {
    state: test.ok ? "ok" : "failed",
    at: test.at,
    latencyMs: test.latencyMs,
    server: serverSeen(test.details, t),
    category: category ? categoryText(category, t) : null,
    error: testErrorText(test, locale) ?? null,
  };
}

/**
 * A failed test's sentence by its name in the `errors` catalogue (`details.messageKey`, a sentence of its `server`
 * part) with its arguments (`details.params`); none when the test's details do not say.
 */
export function testErrorWords(details: Record<string, unknown> | undefined): { key: string; params: IssueParams } | undefined {
  const params = IssueParams.safeParse(details?.params ?? {});
  return typeof details?.messageKey === "string" && params.success ? { key: `server.${details.messageKey}`, params: params.data } : undefined;
}

/** Why a test failed, in `locale`: the catalogue's sentence where the test names one, else the server's English. */
export function testErrorText(test: { error?: string; details?: Record<string, unknown> }, locale: Locale): string | undefined {
  const words = locale === "en" ? undefined : testErrorWords(test.details);
  return (words && catalogueMessage(words.key, words.params, locale)) || test.error;
}

/** A failure category from the search sink's, Kafka's or the registry's probe in words; an unknown one as it is. */
export function categoryText(category: string, t: ConnectionsT): string {
  const key = `categories.${category}` as Extract<Parameters<ConnectionsT>[0], `categories.${string}`>;
  return t.has(key) ? t(key) : category;
}

/**
 * What the test found: "Elasticsearch 8.19.21" / "OpenSearch 3.8.0" from the search probe (its `server`), the
 * number of brokers Kafka reported, or the registry and its subject count; null when the test did not get that far.
 */
export function serverSeen(details: Record<string, unknown> | undefined, t: ConnectionsT): string | null {
  if (!details) {
    return null;
  }
  if (typeof details.distribution === "string" && typeof details.server === "string") {
    return details.server;
  }
  if (details.distribution === null && "version" in details) {
    return t("lastTest.serverNotTold");
  }
  if (Array.isArray(details.brokers)) {
    return t("lastTest.kafkaBrokers", { count: details.brokers.length });
  }
  if (typeof details.registry === "string") {
    return registryWords(details, t) ?? details.registry;
  }
  return null;
}

/**
 * A registry test's summary in the page's language, from its subject count and server (Apicurio's name and version);
 * undefined when the details do not carry the count (the probe's `registry` sentence is then shown as it is).
 */
function registryWords(details: Record<string, unknown>, t: ConnectionsT): string | undefined {
  if (typeof details.subjects !== "number") {
    return undefined;
  }
  return typeof details.server === "string"
    ? t("lastTest.registryServerSubjects", { server: details.server, count: details.subjects })
    : t("lastTest.registrySubjects", { count: details.subjects });
}

/** The connections among `ids` whose last test failed (unknown ids and untested connections are left out). */
export function failedConnections(connections: readonly Connection[], ids: readonly (string | undefined)[]): Connection[] {
  const wanted = new Set(ids.filter((id): id is string => Boolean(id)));
  return connections.filter((c) => wanted.has(c.id) && c.lastTest !== null && !c.lastTest.ok);
}

/** Where a connection is shown: its row on the connections page. */
export const connectionHref = (id: string) => `/connections#${connectionAnchor(id)}`;
export const connectionAnchor = (id: string) => `connection-${id}`;

export type ReasonPart = { text: string; connectionId?: string };

/**
 * Splits a task's status reason so that the name of a connection it mentions ("… of connection logs cluster",
 * 'Kafka connection "prod": …') can be a link. Only names written right after the word "connection" count, the
 * longest first, so a name that is part of another name or of ordinary words is not linked by mistake.
 */
export function linkConnectionInReason(reason: string, connections: readonly Pick<Connection, "id" | "name">[]): ReasonPart[] {
  const byLength = [...connections].sort((a, b) => b.name.length - a.name.length);
  for (const c of byLength) {
    for (const written of [`connection "${c.name}"`, `connection ${c.name}`]) {
      const at = reason.indexOf(written);
      if (at === -1) {
        continue;
      }
      const end = at + written.length;
      const next = reason.charAt(end);
      if (next !== "" && /[\p{L}\p{N}_-]/u.test(next)) {
        continue;
      }
      const nameAt = at + written.indexOf(c.name);
      return [{ text: reason.slice(0, nameAt) }, { text: c.name, connectionId: c.id }, { text: reason.slice(nameAt + c.name.length) }].filter(
        (p) => p.text !== "",
      );
    }
  }
  return [{ text: reason }];
}
