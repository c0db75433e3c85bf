import { ErrorNotice } from "@/components/error-notice";
import { connectionText as text } from "../connection-messages";
import type { ConnectionTestResult as Result } from "../connection-schemas";
import { serverSeen } from "../last-test";

/** ok + what it talks to (server and version) + latency + details, or why the test failed (and its category). */
export function ConnectionTestResult({ result, error }: { result?: Result; error?: unknown }) {
  if (error) {
    return <ErrorNotice error={error} title="Test failed" />;
  }
  if (!result) {
    return null;
  }
  const server = serverSeen(result.details);
  const category = typeof result.details?.category === "string" ? result.details.category : null;
  return (
    <div className={`notice ${result.ok ? "ok" : "error"}`} role="status" data-testid="connection-test-result">
      <strong>{result.ok ? text.resultOk : text.resultFailed}</strong>
      {server ? <strong data-testid="test-server">: {server}</strong> : null}
      {category ? <span> · {text.categories[category] ?? category}</span> : null} <span className="muted">({text.latency(result.latencyMs)})</span>
      {result.error ? <div>{result.error}</div> : null}
      {result.details ? <Details details={result.details} /> : null}
    </div>
  );
}

function Details({ details }: { details: Record<string, unknown> }) {
  return (
    <dl className="kv small" style={{ marginTop: 6 }}>
      {Object.entries(details).map(([k, v]) => (
        <div key={k} style={{ display: "contents" }}>
          <dt>{k}</dt>
          <dd className="mono">{summarize(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function summarize(v: unknown): string {
  if (Array.isArray(v)) {
    const shown = v.slice(0, 8).map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x)));
    return `${shown.join(", ")}${v.length > 8 ? ` … (${v.length} in all)` : ""}`;
  }
  return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
}
