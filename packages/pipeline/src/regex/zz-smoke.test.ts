import { it } from "vitest";
import { compileSafeRegex } from "./safe-regex";

it("smoke", () => {
  for (const [p, s, f] of [
    ["a(b+)c", "xxabbbc"],
    ["(a+)+$", "aaaab"],
    ["(?<y>\\d{4})-(\\d\\d)", "on 2024-05-01"],
    ["^foo", "xfoo"],
    ["\\bk", "x K", "i"],
    ["(?:(a)|b)+", "ab"],
    ["(a*)*", "b"],
    ["a|ab", "ab"],
    ["a*?b", "aaab"],
  ] as const) {
    const r = compileSafeRegex(p, f ?? "");
    if (!r.ok) {
      console.log(p, r.reason);
      continue;
    }
    console.log(p, JSON.stringify(r.regex.exec(s)), JSON.stringify(new RegExp(p, "u" + (f ?? "")).exec(s)));
  }
});
