import { it } from "vitest";
import { expandGrok } from "./grok";
import { STEPS } from "./matcher";
import { compileSafeRegexWithLimits } from "./safe-regex";

it("dbg3", () => {
  const line =
    '203.0.113.42 - - [10/Oct/2024:13:55:36 +0000] "GET /api/v1/products/12345?include=reviews&sort=desc HTTP/1.1" 200 5120 "https://www.example.com/shop/category/shoes" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"';
  for (const name of ["COMBINEDAPACHELOG", "IPORHOST", "HTTPDATE"]) {
    const r = compileSafeRegexWithLimits(expandGrok(`%{${name}}`), "", { maxPatternLength: 1e6, maxProgramSize: 1e6 });
    if (!r.ok) throw new Error(r.reason);
    STEPS.n = 0;
    r.regex.searchSlots(line);
    console.log(name, STEPS.n);
  }
});
