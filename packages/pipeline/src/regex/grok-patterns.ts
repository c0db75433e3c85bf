/**
 * The built-in grok library, written for the linear-time engine (no lookaround, atomic groups or backreferences; every
 * group is non-capturing, so only %{NAME:field} references produce fields). Names and shapes follow Logstash's
 * grok-patterns; the deviations are noted where they matter.
 */

const HEX4 = "[0-9A-Fa-f]{1,4}";
const V4 = "%{IPV4}";

/**
 * RFC 4291 text forms: eight groups, "::" compression anywhere, an embedded IPv4 tail, and an optional zone (%eth0).
 * Within each branch the IPv4-tail form comes first so that "::ffff:1.2.3.4" is taken whole.
 */
const IPV6 = [
  `(?:${HEX4}:){7}(?:${HEX4}|:)`,
  `(?:${HEX4}:){6}(?:${V4}|:${HEX4}|:)`,
  `(?:${HEX4}:){5}(?::${V4}|(?::${HEX4}){1,2}|:)`,
  `(?:${HEX4}:){4}(?:(?::${HEX4})?:${V4}|(?::${HEX4}){1,3}|:)`,
  `(?:${HEX4}:){3}(?:(?::${HEX4}){0,2}:${V4}|(?::${HEX4}){1,4}|:)`,
  `(?:${HEX4}:){2}(?:(?::${HEX4}){0,3}:${V4}|(?::${HEX4}){1,5}|:)`,
  `${HEX4}:(?:(?::${HEX4}){0,4}:${V4}|(?::${HEX4}){1,6}|:)`,
  `:(?:(?::${HEX4}){0,5}:${V4}|(?::${HEX4}){1,7}|:)`,
].join("|");

const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";

export const BUILTIN_GROK_PATTERNS: Readonly<Record<string, string>> = Object.freeze({
  // Names, words, numbers
  USERNAME: "[a-zA-Z0-9._-]+",
  USER: "%{USERNAME}",
  EMAILLOCALPART: "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*",
  EMAILADDRESS: "%{EMAILLOCALPART}@%{HOSTNAME}",
  INT: "(?:[+-]?[0-9]+)",
  BASE10NUM: "(?:[+-]?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+))",
  NUMBER: "(?:%{BASE10NUM})",
  BASE16NUM: "(?:0[xX])?[0-9A-Fa-f]+",
  POSINT: "\\b(?:[1-9][0-9]*)\\b",
  NONNEGINT: "\\b(?:[0-9]+)\\b",
  WORD: "\\b\\w+\\b",
  NOTSPACE: "\\S+",
  SPACE: "\\s*",
  DATA: ".*?",
  GREEDYDATA: ".*",
  // Quoted strings use the unrolled-loop form "[^"\\]*(?:\\.[^"\\]*)*", which backtracks least.
  QUOTEDSTRING: "(?:\"[^\"\\\\]*(?:\\\\.[^\"\\\\]*)*\"|'[^'\\\\]*(?:\\\\.[^'\\\\]*)*'|`[^`\\\\]*(?:\\\\.[^`\\\\]*)*`)",
  QS: "%{QUOTEDSTRING}",
  /** What is between double quotes (backslash escapes allowed), without the quotes. */
  QUOTEDCONTENT: '[^"\\\\]*(?:\\\\.[^"\\\\]*)*',
  UUID: "[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}",

  // Networking
  MAC: "(?:%{CISCOMAC}|%{WINDOWSMAC}|%{COMMONMAC})",
  CISCOMAC: "(?:[A-Fa-f0-9]{4}\\.){2}[A-Fa-f0-9]{4}",
  WINDOWSMAC: "(?:[A-Fa-f0-9]{2}-){5}[A-Fa-f0-9]{2}",
  COMMONMAC: "(?:[A-Fa-f0-9]{2}:){5}[A-Fa-f0-9]{2}",
  IPV6: `(?:${IPV6})(?:%[0-9A-Za-z._~-]+)?`,
  IPV4: `\\b(?:${OCTET}\\.){3}${OCTET}\\b`,
  IP: "(?:%{IPV6}|%{IPV4})",
  HOSTNAME: "\\b(?:[0-9A-Za-z][0-9A-Za-z-]{0,62})(?:\\.(?:[0-9A-Za-z][0-9A-Za-z-]{0,62}))*\\.?",
  IPORHOST: "(?:%{IP}|%{HOSTNAME})",
  HOSTPORT: "%{IPORHOST}:%{POSINT}",

  // Paths and URIs
  PATH: "(?:%{UNIXPATH}|%{WINPATH})",
  UNIXPATH: "(?:/[\\w%!$@:.,+~-]*)+",
  WINPATH: "(?:[A-Za-z]+:|\\\\)(?:\\\\[^\\\\?*]*)+",
  URIPROTO: "[A-Za-z][A-Za-z0-9+.-]+",
  URIHOST: "%{IPORHOST}(?::%{POSINT})?",
  URIPATH: "(?:/[A-Za-z0-9$.+!*'(){},~:;=@#%&_-]*)+",
  URIPARAM: "\\?[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?\\-\\[\\]<>]*",
  URIPATHPARAM: "%{URIPATH}(?:%{URIPARAM})?",
  URI: "%{URIPROTO}://(?:%{USER}(?::[^@]*)?@)?(?:%{URIHOST})?(?:%{URIPATHPARAM})?",

  // Dates and times
  MONTH: "\\b(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\b",
  MONTHNUM: "(?:0?[1-9]|1[0-2])",
  MONTHNUM2: "(?:0[1-9]|1[0-2])",
  MONTHDAY: "(?:0[1-9]|[12][0-9]|3[01]|[1-9])",
  DAY: "\\b(?i:mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\\b",
  YEAR: "(?:[0-9][0-9]){1,2}",
  HOUR: "(?:2[0-3]|[01]?[0-9])",
  MINUTE: "(?:[0-5][0-9])",
  SECOND: "(?:(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?)",
  TIME: "(?:%{HOUR}:%{MINUTE}:%{SECOND})",
  DATE_US: "%{MONTHNUM}[/-]%{MONTHDAY}[/-]%{YEAR}",
  DATE_EU: "%{MONTHDAY}[./-]%{MONTHNUM}[./-]%{YEAR}",
  ISO8601_TIMEZONE: "(?:Z|[+-]%{HOUR}(?::?%{MINUTE}))",
  ISO8601_SECOND: "%{SECOND}",
  TIMESTAMP_ISO8601: "%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?",
  DATE: "(?:%{DATE_US}|%{DATE_EU})",
  DATESTAMP: "%{DATE}[- ]%{TIME}",
  TZ: "(?:[APMCE][SD]T|UTC|GMT)",
  HTTPDATE: "%{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} %{INT}",
  SYSLOGTIMESTAMP: "%{MONTH} +%{MONTHDAY} %{TIME}",

  // Syslog
  PROG: "[\\x21-\\x5a\\x5c\\x5e-\\x7e]+",
  SYSLOGPROG: "%{PROG:program}(?:\\[%{POSINT:pid}\\])?",
  SYSLOGHOST: "%{IPORHOST}",
  SYSLOGFACILITY: "<%{NONNEGINT:facility}.%{NONNEGINT:priority}>",
  SYSLOGPRI: "<%{NONNEGINT:priority:int}>",
  LOGLEVEL:
    "(?:[Aa]lert|ALERT|[Tt]race|TRACE|[Dd]ebug|DEBUG|[Nn]otice|NOTICE|[Ii]nfo(?:rmation)?|INFO(?:RMATION)?|[Ww]arn(?:ing)?|WARN(?:ING)?|" +
    "[Ee]rr(?:or)?|ERR(?:OR)?|[Cc]rit(?:ical)?|CRIT(?:ICAL)?|[Ff]atal|FATAL|[Ss]evere|SEVERE|[Ee]merg(?:ency)?|EMERG(?:ENCY)?)",

  // Presets. Unlike Logstash's legacy patterns, "-" placeholders leave the field out, quoted fields are captured
  // without their quotes, and status/bytes/priority/version are integers.
  HTTPDUSER: "(?:%{EMAILADDRESS}|%{USER})",
  COMMONAPACHELOG:
    '%{IPORHOST:clientip} (?:-|%{HTTPDUSER:ident}) (?:-|%{HTTPDUSER:auth}) \\[%{HTTPDATE:timestamp}\\] "(?:%{WORD:verb} %{NOTSPACE:request}' +
    '(?: HTTP/%{NUMBER:httpversion})?|%{DATA:rawrequest})" %{NONNEGINT:response:int} (?:-|%{NONNEGINT:bytes:int})',
  /** Also nginx's default "combined" log_format. */
  COMBINEDAPACHELOG: '%{COMMONAPACHELOG} "(?:-|%{QUOTEDCONTENT:referrer})" "(?:-|%{QUOTEDCONTENT:agent})"',
  /** RFC 3164: optional <PRI>, then timestamp, host (optional), program[pid]: (optional) and the message. */
  SYSLOGLINE:
    "(?:%{SYSLOGPRI})?(?:%{SYSLOGTIMESTAMP:timestamp}|%{TIMESTAMP_ISO8601:timestamp}) (?:%{SYSLOGHOST:logsource} )?" +
    "(?:%{SYSLOGPROG}: ?)?%{GREEDYDATA:message}",
  SYSLOG5424PRINTASCII: "[!-~]+",
  SYSLOG5424PRI: "%{SYSLOGPRI}",
  /** One or more [SD-ID param="value" …] elements, quoted values may contain escaped \" \] \\. */
  SYSLOG5424SD: '(?:\\[(?:[^\\]"\\\\]|\\\\.|"(?:[^"\\\\]|\\\\.)*")*\\])+',
  SYSLOG5424BASE:
    "%{SYSLOG5424PRI}%{NONNEGINT:version:int} +(?:-|%{TIMESTAMP_ISO8601:timestamp}) +(?:-|%{SYSLOG5424PRINTASCII:logsource}) +" +
    "(?:-|%{SYSLOG5424PRINTASCII:program}) +(?:-|%{SYSLOG5424PRINTASCII:pid}) +(?:-|%{SYSLOG5424PRINTASCII:msgid}) +" +
    "(?:-|%{SYSLOG5424SD:structured_data})",
  /** RFC 5424; the structured data is one field (structured_data), the message the rest of the line. */
  SYSLOG5424LINE: "%{SYSLOG5424BASE}(?: +%{GREEDYDATA:message})?",
});
