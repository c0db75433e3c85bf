import type { IssueList } from "../compile-issues";
import { compileDatePattern, type DatePattern } from "../date-format";
import { type CompiledPath, compilePath, type PathResult, setPath } from "../field-path";
import { compileTimeZone, type TimeZone } from "../time-zone";
import { CONTINUE, fail, type RuleContext, type StepResult } from "./context";

/** What every rule's compile step needs: paths, a date format with its zone, issues recorded at `at.<field>`. */
export function ruleCompiler(issues: IssueList, at: string) {
  const path = (source: string, field: string): CompiledPath | undefined => {
    const r = compileRulePath(source);
    if (!r.ok) {
      issues.addProblem(`${at}.${field}`, r);
      return undefined;
    }
    return r.path;
  };
  return {
    path,
    /** null when not given, undefined when given but invalid. */
    optionalPath: (source: string | undefined, field: string): CompiledPath | null | undefined => (source === undefined ? null : path(source, field)),
    dateFormat(format: string, timeZone: string): { pattern: DatePattern; zone: TimeZone } | undefined {
      const pattern = compileDatePattern(format);
      const zone = compileTimeZone(timeZone);
      if (!pattern.ok) {
        issues.addProblem(`${at}.format`, pattern);
      }
      if (!zone.ok) {
        issues.addProblem(`${at}.timeZone`, zone);
      }
      return pattern.ok && zone.ok ? { pattern: pattern.pattern, zone: zone.zone } : undefined;
    },
  };
}

export const WHOLE_RECORD_REFUSED = "`$` is the whole record: a rule's source or target must name a field (a rule would otherwise nest the record in itself)";

/** A field path a rule reads or writes: any path but `$` itself. */
export function compileRulePath(source: string): PathResult {
  const r = compilePath(source);
  return r.ok && r.path.segments.length === 0 ? { ok: false, reason: WHOLE_RECORD_REFUSED, key: "compile.rules.wholeRecord" } : r;
}

/** Writes a rule's result, or fails when a non-object value is in the way. */
export function put(ctx: RuleContext, target: CompiledPath, value: unknown): StepResult {
  return setPath(ctx.record, target, value) ? CONTINUE : fail(`cannot set ${target.source}: a non-object value is in the way`);
}
