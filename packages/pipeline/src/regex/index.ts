/**
 * Linear-time regular expressions and grok for user-supplied patterns.
 *
 * JavaScript's RegExp backtracks and can take exponential time (e.g. /(a+)+$/ on "aaaa…ab"), so user patterns never run
 * on it. This engine parses a pattern to an AST, compiles it to an NFA program and matches with either a bounded
 * backtracker (a visited bit per instruction × position, RE2's "bit-state") or a Pike VM; both take at most
 * O(program size × input length) steps and give leftmost-first results like JavaScript / RE2.
 *
 * Syntax (RE2 subset, JavaScript meaning):
 * - literals and escapes \. \\ \/ \t \n \r \f \v \0 \xHH \uHHHH \u{H…} \cX, any escaped ASCII punctuation
 * - . (no line terminators unless s), [a-z0-9_], [^…], escapes inside classes, [[:alpha:]] POSIX classes
 * - \d \D \w \W \s \S (JavaScript's definitions: \s includes Unicode spaces), ^ $ (m: at line ends), \b \B, \A \z
 * - ( ) (?: ) (?<name> ) (?P<name> ), |, * + ? {n} {n,} {n,m} and lazy *? +? ?? {n,m}?
 * - flags i (simple Unicode case folding), m, s; inline (?i) (?ims-ims) (?i: … ); g and u are accepted and ignored
 * - code points throughout: a surrogate pair is one character; offsets are UTF-16 code units, as in JavaScript
 * Rejected with a reason and position: backreferences, lookahead/lookbehind, atomic groups, possessive quantifiers,
 * \p{…}, unbalanced parentheses, bad ranges, counts over 1000, patterns over 2000 characters, programs over 20,000
 * instructions after expanding counted repetition, nesting over 500 groups.
 *
 * Semantic notes (see safe-regex.ts): results equal RegExp with the u flag (checked by property tests), including
 * captures reset in each iteration of a repetition and empty iterations ending a loop; V8's empty matches inside a
 * surrogate pair are not reproduced. Outside JavaScript: lone { } ] are literals, and (?i), \A, \z, [[:…:]] exist.
 */
export { compileGrok, GROK_PATTERNS, GROK_PRESETS, type Grok, type GrokField, type GrokType } from "./grok";
export { compileSafeRegex, MAX_PATTERN_LENGTH, type Match, type SafeRegex } from "./safe-regex";
