import "server-only";
import type { SampledMessage } from "@outflow/connectors/kafka-sample";
import type { WireMessage } from "@outflow/schemas/api/preview";

const strict = new TextDecoder("utf-8", { fatal: true });

function text(bytes: Uint8Array | null): { value: string | null; valueEncoding: "utf8" | "base64" } {
  if (bytes === null) {
    return { value: null, valueEncoding: "utf8" };
  }
  try {
    return { value: strict.decode(bytes), valueEncoding: "utf8" };
  } catch {
    return { value: Buffer.from(bytes).toString("base64"), valueEncoding: "base64" };
  }
}

/** A key as text; one that is not UTF-8 (a registry-encoded key) as base64, marked so. */
function keyText(bytes: Uint8Array | null): { key: string | null; keyEncoding?: "base64" } {
  const t = text(bytes);
  return t.valueEncoding === "base64" ? { key: t.value, keyEncoding: "base64" } : { key: t.value };
}

/** Kafka bytes → JSON-safe wire form (for the wizard). */
export function toWire(m: SampledMessage): WireMessage & { timestamp: string } {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) {
      headers[k] = typeof first === "string" ? first : Buffer.from(first).toString("utf8");
    }
  }
  return {
    topic: m.topic,
    partition: m.partition,
    offset: m.offset,
    timestamp: m.timestamp,
    ...keyText(m.key),
    ...text(m.value),
    headers,
  };
}
