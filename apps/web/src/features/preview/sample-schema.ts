import { readFraming } from "@outflow/pipeline/formats/registry-wire";
import { RegistryFormat } from "@outflow/schemas/formats";
import type { SampleMessage } from "./preview-schemas";

/** The schema the sampled values carry: its id, and for Protobuf the message indexes naming the message type. */
export type SampleSchemaRef = { id: number; indexes: number[] };

function valueBytes(m: SampleMessage): Uint8Array | null {
  if (m.value === null) {
    return null;
  }
  return m.valueEncoding === "base64" ? Uint8Array.from(atob(m.value), (c) => c.charCodeAt(0)) : new TextEncoder().encode(m.value);
}

/**
 * The schema the wizard proposes fields from: of the registry-framed sampled values, the one with the highest
 * schema id (a registry numbers schemas as they are registered: the newest version of an evolving topic). Null when
 * no value is framed, even when none decodes the id and indexes are read from the header alone.
 */
export function sampleSchemaRef(samples: readonly SampleMessage[], format: RegistryFormat): SampleSchemaRef | null {
  let best: SampleSchemaRef | null = null;
  for (const m of samples) {
    const bytes = valueBytes(m);
    const framed = bytes ? readFraming(bytes, format.type === "protobuf") : null;
    if (framed?.ok && (best === null || framed.id > best.id)) {
      best = { id: framed.id, indexes: framed.indexes };
    }
  }
  return best;
}

/** The wizard's parse format as a registry format, its defaults filled in; null for other formats. */
export function registryFormatOf(value: unknown): RegistryFormat | null {
  const parsed = RegistryFormat.safeParse(value);
  return parsed.success ? parsed.data : null;
}
