import type { WireMessage } from "@outflow/schemas/api/preview";
import type { KafkaMessage } from "./message";

const utf8 = new TextEncoder();

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) {
    out[i] = bin.charCodeAt(i);
  }
  return out;
}

/** A message in the API's wire form (text, or base64 for binary values) → the pipeline's message. */
export function wireToMessage(w: WireMessage, now: number): KafkaMessage {
  return {
    topic: w.topic,
    partition: w.partition,
    offset: w.offset,
    timestamp: w.timestamp ?? String(now),
    key: w.key === null ? null : w.keyEncoding === "base64" ? fromBase64(w.key) : utf8.encode(w.key),
    value: w.value === null ? null : w.valueEncoding === "base64" ? fromBase64(w.value) : utf8.encode(w.value),
    headers: w.headers,
  };
}
