/** Helpers shared by this package's unit tests (not used by the pipeline itself). */
import type { TaskConfigInput } from "@outflow/schemas/task-config";
import type { Action, Processed } from "./action";
import { type CompiledTask, safeCompileTask } from "./compile";
import type { HeaderValue, KafkaMessage } from "./message";

const encoder = new TextEncoder();

export const bytes = (s: string): Uint8Array => encoder.encode(s);

/** 2024-03-05T07:08:09.045Z, a Tuesday. */
export const T0 = Date.UTC(2024, 2, 5, 7, 8, 9, 45);

/** A Kafka message; `value` may be raw bytes, text (sent as is), null (tombstone) or any other value (sent as JSON). */
export function message(
  value: unknown,
  over: Partial<Omit<KafkaMessage, "key" | "headers">> & { key?: string | Uint8Array | null; headers?: Record<string, HeaderValue> } = {},
): KafkaMessage {
  const encoded = value === null ? null : value instanceof Uint8Array ? value : typeof value === "string" ? bytes(value) : bytes(JSON.stringify(value));
  const { key, ...rest } = over;
  return {
    topic: "orders",
    partition: 0,
    offset: "0",
    timestamp: String(T0),
    key: key === undefined || key === null ? null : typeof key === "string" ? bytes(key) : key,
    value: encoded,
    ...rest,
  };
}

type ConfigParts = {
  source?: Partial<TaskConfigInput["source"]>;
  sink?: Partial<TaskConfigInput["sink"]>;
  parse?: TaskConfigInput["parse"];
  rules?: TaskConfigInput["rules"];
  failure?: TaskConfigInput["failure"];
};

/** A minimal valid task config with the given parts merged in (source and sink shallowly). */
export function config(parts: ConfigParts = {}): TaskConfigInput {
  return {
    source: { connectionId: "kafka-1", topics: ["orders"], ...parts.source },
    sink: { connectionId: "es-1", index: "orders", ...parts.sink },
    ...(parts.parse ? { parse: parts.parse } : {}),
    ...(parts.rules ? { rules: parts.rules } : {}),
    ...(parts.failure ? { failure: parts.failure } : {}),
  };
}

/** Compiles `config(parts)`; a test that expects a valid config fails with the issues otherwise. */
export function compiled(parts: ConfigParts = {}): CompiledTask {
  const r = safeCompileTask(config(parts));
  if (!r.ok) {
    throw new Error(`config does not compile: ${JSON.stringify(r.issues)}`);
  }
  return r.task;
}

export function expectWrite(p: Processed): Action[] {
  if (p.kind !== "write") {
    throw new Error(`expected a write, got ${JSON.stringify(p)}`);
  }
  return p.actions;
}

/** The document of a message's only index/update action. */
export function onlyDoc(p: Processed): Record<string, unknown> {
  const actions = expectWrite(p);
  if (actions.length !== 1) {
    throw new Error(`expected one action, got ${actions.length}`);
  }
  const a = actions[0] as Action;
  if (a.op === "delete" || a.op === "aggregate") {
    throw new Error(`expected a document, got ${a.op}`);
  }
  return a.doc;
}
