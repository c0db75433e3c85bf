import { useTranslations } from "next-intl";
import { ErrorNotice } from "@/components/error-notice";
import type { ConnectionTestResult as Result } from "../connection-schemas";
import { type ConnectionsT, categoryText, serverSeen } from "../last-test";
import { TestError } from "./test-error";

/** ok + what it talks to (server and version) + latency + details, or why the test failed (and its category). */
export function ConnectionTestResult({ result, error }: { result?: Result; error?: unknown }) {
  const t = useTranslations("connections");
  if (error) {
    return <ErrorNotice error={error} title={t("test.failed")} />;
  }
  if (!result) {
    return null;
  }
  const server = serverSeen(result.details, t);
  const category = typeof result.details?.category === "string" ? result.details.category : null;
  return (
    <div className={`notice ${result.ok ? "ok" : "error"}`} role="status" data-testid="connection-test-result">
      <strong>{result.ok ? t("test.resultOk") : t("test.resultFailed")}</strong>
      {server ? <strong data-testid="test-server">: {server}</strong> : null}
      {category ? <span> · {categoryText(category, t)}</span> : null} <span className="muted">({t("test.latency", { ms: result.latencyMs })})</span>
      {result.error ? (
        <div>
          <TestError error={result.error} details={result.details} />
        </div>
      ) : null}
      {result.details ? <Details details={result.details} t={t} /> : null}
    </div>
  );
}

function Details({ details, t }: { details: Record<string, unknown>; t: ConnectionsT }) {
  return (
    <dl className="kv small" style={{ marginTop: 6 }}>
      {Object.entries(details)
        // The failure's sentence name and arguments are the error above, in the page's language; so is a registry's
        // summary (its subjects and server are listed).
        .filter(([k]) => k !== "messageKey" && k !== "params" && !(k === "registry" && typeof details.subjects === "number"))
        .map(([k, v]) => (
          <div key={k} style={{ display: "contents" }}>
            <dt>{k}</dt>
            <dd className="mono">{summarize(v, t)}</dd>
          </div>
        ))}
    </dl>
  );
}

function summarize(v: unknown, t: ConnectionsT): string {
  if (Array.isArray(v)) {
    const shown = v
      .slice(0, 8)
      .map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x)))
      .join(", ");
    return v.length > 8 ? t("test.inAll", { shown, count: v.length }) : shown;
  }
  return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
}
