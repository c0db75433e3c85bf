import type { Connection } from "@outflow/schemas/connection";
import { formatTime } from "@/lib/format";
import { connectionText as text } from "../connection-messages";
import { summarizeLastTest } from "../last-test";

/** Two cells of a connection's row: what its last test found on the other side, and how that test went. */
export function LastTestCells({ connection }: { connection: Connection }) {
  const s = summarizeLastTest(connection.lastTest);
  if (s.state === "never") {
    return (
      <>
        <td className="muted small">{text.serverUnknown}</td>
        <td className="muted small" data-testid="last-test">
          {text.neverTested}
        </td>
      </>
    );
  }
  return (
    <>
      <td className="small" data-testid="server">
        {s.server ?? <span className="muted">{text.serverUnknown}</span>}
      </td>
      <td className="small" data-testid="last-test" title={s.error ?? undefined}>
        <span className={`badge ${s.state === "ok" ? "ok" : "err"}`}>{s.state === "ok" ? text.testOk : text.testFailed}</span>
        {s.category ? <> {s.category}</> : null}
        <div className="muted">
          {text.testedAt(formatTime(s.at))} · {text.latency(s.latencyMs)}
        </div>
      </td>
    </>
  );
}
