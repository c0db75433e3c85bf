import type { KafkaMessage } from "@outflow/pipeline";
import type { SampleMessage } from "./preview-schemas";

const utf8 = new TextEncoder();

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) {
    out[i] = bin.charCodeAt(i);
  }
  return out;
}

/** A sampled message (wire form) → the pipeline's message, in the browser. */
export function wireToMessage(w: SampleMessage, now: number): KafkaMessage {
  return {
    topic: w.topic,
    partition: w.partition,
    offset: w.offset,
    timestamp: w.timestamp ?? String(now),
    key: w.key === null ? null : utf8.encode(w.key),
    value: w.value === null ? null : w.valueEncoding === "base64" ? fromBase64(w.value) : utf8.encode(w.value),
    headers: w.headers,
  };
}
