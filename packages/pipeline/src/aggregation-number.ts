/**
 * The one place aggregation reads a numeric value, from a message or from a stored aggregate document: numbers,
 * and numeric strings as elsewhere in Outflow. Undefined when the value is not a finite number.
 */
export function readNumber(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}
