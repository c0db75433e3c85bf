import { parseJsonExact } from "@outflow/pipeline/exact-number";
import { formatTime } from "@/lib/format";
import type { SampleMessage } from "../preview-schemas";

/** A Kafka message as it is on the topic: key, timestamp, headers and the raw value. */
export function RawMessageView({ message: m }: { message: SampleMessage }) {
  const headers = Object.entries(m.headers);
  return (
    <div className="stack">
      <dl className="kv small">
        <dt>Key</dt>
        <dd className="mono">{m.key ?? <span className="muted">null</span>}</dd>
        <dt>Timestamp</dt>
        <dd>{m.timestamp ? formatTime(new Date(Number(m.timestamp)).toISOString()) : "—"}</dd>
        {headers.length ? (
          <>
            <dt>Headers</dt>
            <dd className="mono">{headers.map(([k, v]) => `${k}=${v}`).join(", ")}</dd>
          </>
        ) : null}
      </dl>
      <pre data-testid="raw-value">
        {m.value === null ? "null (tombstone)" : m.valueEncoding === "base64" ? `(binary, base64) ${m.value}` : prettyIfJson(m.value)}
      </pre>
    </div>
  );
}

function prettyIfJson(text: string): string {
  try {
    return JSON.stringify(parseJsonExact(text), null, 2);
  } catch {
    return text;
  }
}
