/**
 * Linear-time regular expressions and grok for user-supplied patterns. JavaScript's RegExp backtracks and can take
 * exponential time on patterns like (a+)+$, so user patterns never run on it; they run on this engine instead.
 */
export { compileGrok, GROK_PATTERNS, GROK_PRESETS, type Grok, type GrokField } from "./grok";
export { compileSafeRegex, MAX_PATTERN_LENGTH, type Match, type SafeRegex } from "./safe-regex";
