const integer = new Intl.NumberFormat("en-US");

export const formatCount = (n: number | null | undefined): string => (n === null || n === undefined ? "—" : integer.format(n));

export const formatRate = (n: number): string => `${n.toLocaleString("en-US", { maximumFractionDigits: 1 })}/s`;

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString("en-GB", { hour12: false });
}

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
