/** A Kafka message as the pipeline sees it (kafkajs' Buffer is a Uint8Array). */
export type HeaderValue = Uint8Array | string | undefined | Array<Uint8Array | string>;

export type KafkaMessage = {
  topic: string;
  partition: number;
  /** Offsets are strings: int64 does not fit a JS number. */
  offset: string;
  /** Epoch milliseconds, as a string (kafkajs' form). */
  timestamp: string;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers?: Record<string, HeaderValue>;
};

export type Stage = "parse" | "rule" | "route" | "index";

const strictDecoder = new TextDecoder("utf-8", { fatal: true });
const lenientDecoder = new TextDecoder("utf-8");

/** UTF-8 text, or null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

export function decodeLenient(bytes: Uint8Array): string {
  return lenientDecoder.decode(bytes);
}

export function headerText(v: HeaderValue): string | null {
  const first = Array.isArray(v) ? v[0] : v;
  if (first === undefined) {
    return null;
  }
  return typeof first === "string" ? first : decodeLenient(first);
}

export function keyText(m: KafkaMessage): string | null {
  return m.key ? decodeLenient(m.key) : null;
}
