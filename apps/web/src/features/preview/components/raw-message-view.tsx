"use client";

import { parseJsonExact } from "@outflow/pipeline/exact-number";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFormat } from "@/lib/use-format";
import { hexDump } from "../hex-dump";
import type { SampleMessage } from "../preview-schemas";

/** A Kafka message as it is on the topic: key, timestamp, headers and the raw value. */
export function RawMessageView({ message: m }: { message: SampleMessage }) {
  const t = useTranslations("preview.raw");
  const f = useFormat();
  const headers = Object.entries(m.headers);
  return (
    <div className="stack">
      <dl className="kv small">
        <dt>{t("key")}</dt>
        <dd className="mono">{m.key ?? <span className="muted">null</span>}</dd>
        <dt>{t("timestamp")}</dt>
        <dd>{m.timestamp ? f.time(new Date(Number(m.timestamp)).toISOString()) : "—"}</dd>
        {headers.length ? (
          <>
            <dt>{t("headers")}</dt>
            <dd className="mono">{headers.map(([k, v]) => `${k}=${v}`).join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {m.value !== null && m.valueEncoding === "base64" ? (
        <BinaryValue base64={m.value} />
      ) : (
        <pre data-testid="raw-value">{m.value === null ? t("tombstone") : prettyIfJson(m.value)}</pre>
      )}
    </div>
  );
}

/** A value that is not UTF-8: base64 as sent, or a hex dump (16 bytes a line, with printable ASCII beside). */
function BinaryValue({ base64 }: { base64: string }) {
  const t = useTranslations("preview.raw");
  const [hex, setHex] = useState(false);
  return (
    <div className="stack">
      <div className="row small">
        <span className="muted">{t("binaryValue")}</span>
        <button type="button" aria-pressed={!hex} onClick={() => setHex(false)}>
          base64
        </button>
        <button type="button" aria-pressed={hex} onClick={() => setHex(true)}>
          hex
        </button>
      </div>
      <pre data-testid="raw-value">{hex ? hexDump(base64) : t("binaryBase64", { value: base64 })}</pre>
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
