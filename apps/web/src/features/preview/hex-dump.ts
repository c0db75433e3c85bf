/** Bytes (given as base64) as a hex dump: 16 a line, offset first, printable ASCII beside. */
export function hexDump(base64: string): string {
  const bin = atob(base64);
  const lines: string[] = [];
  for (let i = 0; i < bin.length; i += 16) {
    const chunk = bin.slice(i, i + 16);
    const bytes = [...chunk].map((c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join(" ");
    const text = [...chunk].map((c) => (c >= " " && c <= "~" ? c : ".")).join("");
    lines.push(`${i.toString(16).padStart(8, "0")}  ${bytes.padEnd(47)}  ${text}`);
  }
  return lines.join("\n");
}
