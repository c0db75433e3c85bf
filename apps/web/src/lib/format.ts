import { formatDate } from "./format-date";

const integer = new Intl.NumberFormat("en-US");

export const formatCount = (n: number | null | undefined): string => (n === null || n === undefined ? "—" : integer.format(n));

export const formatRate = (n: number): string => `${n.toLocaleString("en-US", { maximumFractionDigits: 1 })}/s`;

/** A point in time as the whole console writes it: `2026-12-07 17:40:05 UTC` (see format-date.ts). */
export const formatTime = (iso: string): string => formatDate(iso);

export function formatBytes(n: number): string {
  if (n < 1024) {
    return `${n} B`;
  }
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
