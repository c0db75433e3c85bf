import { describe } from "./date-format";
import { isJsonNumber, numberFromText, toDouble } from "./exact-number";

/**
 * The one place aggregation reads a numeric value, from a message or from a stored aggregate document: numbers
 * (exact ones included) and numeric strings, as elsewhere in Outflow. Sums, minima, maxima and averages are computed
 * in 64-bit doubles: a value a double cannot hold exactly is refused with the reason, never rounded. The reason
 * names the metric field `path` (built only on failure: this runs for every metric of every message).
 */
export function metricNumber(v: unknown, path: string): { ok: true; value: number } | { ok: false; reason: string } {
  const num = isJsonNumber(v) ? v : typeof v === "string" && v.trim() !== "" ? numberFromText(v) : null;
  if (num === null || (typeof num === "number" && !Number.isFinite(num))) {
    return { ok: false, reason: `metric field ${path} is ${describe(v)}, not a number` };
  }
  const n = toDouble(num);
  return n.ok ? n : { ok: false, reason: `metric field ${path}: ${n.reason}` };
}

/** A stored aggregate's number (undefined when absent or not a number a double holds). */
export function readNumber(v: unknown): number | undefined {
  const n = metricNumber(v, "");
  return n.ok ? n.value : undefined;
}
