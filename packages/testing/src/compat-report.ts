import { appendFileSync } from "node:fs";

/**
 * Prints a scenario's figures on one search server and, under `npm run test:compat` (which names a file per server
 * in OUTFLOW_COMPAT_FIGURES), appends them there for the script's summary table.
 */
export function recordCompatFigures(scenario: string, figures: Record<string, number | string>): void {
  console.log(
    `\n[compat] ${scenario}: ${Object.entries(figures)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  const file = process.env.OUTFLOW_COMPAT_FIGURES;
  if (file) {
    appendFileSync(file, `${JSON.stringify({ scenario, at: new Date().toISOString(), ...figures })}\n`);
  }
}
