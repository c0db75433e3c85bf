import { it } from "vitest";
import { expandGrok } from "./grok";
import { parseRegex } from "./parse";
import { compileProgram } from "./program";

it("dbg", () => {
  for (const name of ["IPORHOST", "IPV6", "IPV4", "HOSTNAME", "HTTPDATE", "COMMONAPACHELOG", "COMBINEDAPACHELOG", "SYSLOGLINE"]) {
    const text = expandGrok(`%{${name}}`);
    const ast = parseRegex(text, { i: false, m: false, s: false });
    if (!ast.ok) throw new Error(ast.error.message);
    const p = compileProgram(ast.ast, 100000);
    if (!p.ok) throw new Error();
    console.log(
      name,
      text.length,
      "size",
      p.program.size,
      "marks",
      p.program.markCount,
      "threads",
      p.program.threadCount,
      "slots",
      p.program.slotCount,
      "prefix",
      JSON.stringify(p.program.prefix),
      "first",
      p.program.firstSet?.ranges.length,
    );
  }
});
