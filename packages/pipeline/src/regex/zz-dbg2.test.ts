import { it } from "vitest";
import { expandGrok } from "./grok";
import { compileSafeRegexWithLimits } from "./safe-regex";

it("dbg2", () => {
  const line =
    '203.0.113.42 - - [10/Oct/2024:13:55:36 +0000] "GET /api/v1/products/12345?include=reviews&sort=desc HTTP/1.1" 200 5120 "https://www.example.com/shop/category/shoes" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"';
  for (const name of ["COMBINEDAPACHELOG", "IPORHOST", "HTTPDATE"]) {
    const r = compileSafeRegexWithLimits(expandGrok(`%{${name}}`), "", { maxPatternLength: 1e6, maxProgramSize: 1e6 });
    if (!r.ok) throw new Error(r.reason);
    for (const engine of ["backtrack", "pike"] as const) {
      r.regex.engine = engine;
      for (let k = 0; k < 3; k++) {
        const t = performance.now();
        for (let i = 0; i < 5000; i++) r.regex.searchSlots(line);
        console.log(name, engine, (((performance.now() - t) * 1000) / 5000).toFixed(2), "µs");
      }
    }
  }
});
