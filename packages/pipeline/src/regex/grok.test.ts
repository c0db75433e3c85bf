import { describe, expect, it } from "vitest";
import { compileGrok, GROK_PATTERNS, GROK_PRESETS, type Grok } from "./grok";

function grok(pattern: string, custom?: Record<string, string>): Grok {
  const r = compileGrok(pattern, custom);
  if (!r.ok) {
    throw new Error(`${pattern}: ${r.reason}`);
  }
  return r.grok;
}

function parse(pattern: string, line: string, custom?: Record<string, string>): Record<string, unknown> | string {
  const r = grok(pattern, custom).parse(line);
  return r.ok ? { ...r.fields } : `!${r.reason}`;
}

function reason(pattern: string, custom?: Record<string, string>): string {
  const r = compileGrok(pattern, custom);
  return r.ok ? "(compiled)" : r.reason;
}

describe("presets on real lines", () => {
  it("nginx combined (= Apache combined)", () => {
    expect(GROK_PRESETS.nginx_combined).toBe(GROK_PRESETS.apache_combined);
    const line =
      '93.184.216.34 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif?x=1&y=%20 HTTP/1.1" 200 2326 "http://www.example.com/start.html" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"';
    expect(parse(GROK_PRESETS.nginx_combined, line)).toEqual({
      clientip: "93.184.216.34",
      auth: "frank",
      timestamp: "10/Oct/2000:13:55:36 -0700",
      verb: "GET",
      request: "/apache_pb.gif?x=1&y=%20",
      httpversion: "1.1",
      response: 200,
      bytes: 2326,
      referrer: "http://www.example.com/start.html",
      agent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
    });
  });

  it("nginx combined with '-' placeholders, an IPv6 client and no body", () => {
    const line = '2001:db8:85a3::8a2e:370:7334 - - [01/Jan/2024:00:00:01 +0000] "HEAD /health HTTP/2.0" 204 0 "-" "-"';
    expect(parse(GROK_PRESETS.nginx_combined, line)).toEqual({
      clientip: "2001:db8:85a3::8a2e:370:7334",
      timestamp: "01/Jan/2024:00:00:01 +0000",
      verb: "HEAD",
      request: "/health",
      httpversion: "2.0",
      response: 204,
      bytes: 0,
    });
    expect(parse(GROK_PRESETS.nginx_combined, '::1 - - [01/Jan/2024:00:00:01 +0000] "GET / HTTP/1.1" 304 - "-" "curl/8.0"')).toMatchObject({
      clientip: "::1",
      response: 304,
      agent: "curl/8.0",
    });
  });

  it("nginx combined with a garbage request, escaped quotes and trailing extra fields", () => {
    const line = '10.0.0.7 - - [10/Oct/2000:13:55:36 -0700] "\\x16\\x03\\x01" 400 157 "-" "say \\"hi\\"" 0.003 upstream=-';
    expect(parse(GROK_PRESETS.nginx_combined, line)).toEqual({
      clientip: "10.0.0.7",
      timestamp: "10/Oct/2000:13:55:36 -0700",
      rawrequest: "\\x16\\x03\\x01",
      response: 400,
      bytes: 157,
      agent: 'say \\"hi\\"',
    });
  });

  it("nginx combined with a hostname client", () => {
    expect(parse(GROK_PRESETS.nginx_combined, 'proxy.example.org - - [10/Oct/2000:13:55:36 -0700] "POST /api HTTP/1.1" 201 12 "-" "x"')).toMatchObject({
      clientip: "proxy.example.org",
      verb: "POST",
      response: 201,
    });
  });

  it("Apache common", () => {
    expect(parse(GROK_PRESETS.apache_common, '127.0.0.1 user-identifier frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326')).toEqual({
      clientip: "127.0.0.1",
      ident: "user-identifier",
      auth: "frank",
      timestamp: "10/Oct/2000:13:55:36 -0700",
      verb: "GET",
      request: "/apache_pb.gif",
      httpversion: "1.0",
      response: 200,
      bytes: 2326,
    });
  });

  it("syslog RFC 3164 with and without PRI", () => {
    const expected = {
      timestamp: "Oct 11 22:14:15",
      logsource: "mymachine",
      program: "su",
      message: "'su root' failed for lonvick on /dev/pts/8",
    };
    expect(parse(GROK_PRESETS.syslog_rfc3164, "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8")).toEqual({
      priority: 34,
      ...expected,
    });
    expect(parse(GROK_PRESETS.syslog_rfc3164, "Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8")).toEqual(expected);
  });

  it("syslog RFC 3164 variants: pid, padded day, no host, ISO timestamp, no program", () => {
    expect(parse(GROK_PRESETS.syslog_rfc3164, "<86>Feb  5 09:01:02 web-01 sshd[4321]: Accepted publickey for deploy from 10.1.2.3 port 52022")).toEqual({
      priority: 86,
      timestamp: "Feb  5 09:01:02",
      logsource: "web-01",
      program: "sshd",
      pid: "4321",
      message: "Accepted publickey for deploy from 10.1.2.3 port 52022",
    });
    expect(parse(GROK_PRESETS.syslog_rfc3164, "<13>Oct 11 22:14:15 kernel: usb 1-1: new device")).toEqual({
      priority: 13,
      timestamp: "Oct 11 22:14:15",
      program: "kernel",
      message: "usb 1-1: new device",
    });
    expect(parse(GROK_PRESETS.syslog_rfc3164, "2024-03-01T10:00:00.123+01:00 host1 app[7]: started")).toEqual({
      timestamp: "2024-03-01T10:00:00.123+01:00",
      logsource: "host1",
      program: "app",
      pid: "7",
      message: "started",
    });
    expect(parse(GROK_PRESETS.syslog_rfc3164, "<34>Oct 11 22:14:15 mymachine just a message")).toEqual({
      priority: 34,
      timestamp: "Oct 11 22:14:15",
      logsource: "mymachine",
      message: "just a message",
    });
  });

  it("syslog RFC 5424 with structured data as one field", () => {
    const line =
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event log entry...';
    expect(parse(GROK_PRESETS.syslog_rfc5424, line)).toEqual({
      priority: 165,
      version: 1,
      timestamp: "2003-10-11T22:14:15.003Z",
      logsource: "mymachine.example.com",
      program: "evntslog",
      msgid: "ID47",
      structured_data: '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"]',
      message: "An application event log entry...",
    });
  });

  it("syslog RFC 5424 variants: nil fields, several SD elements with escapes, no message", () => {
    expect(parse(GROK_PRESETS.syslog_rfc5424, "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - BOM'su root' failed")).toEqual({
      priority: 34,
      version: 1,
      timestamp: "2003-10-11T22:14:15.003Z",
      logsource: "mymachine.example.com",
      program: "su",
      msgid: "ID47",
      message: "BOM'su root' failed",
    });
    expect(parse(GROK_PRESETS.syslog_rfc5424, '<165>1 - - - 1234 - [a@1 x="1\\]2" y="q\\"uote"][b@2 z="3"]')).toEqual({
      priority: 165,
      version: 1,
      pid: "1234",
      structured_data: '[a@1 x="1\\]2" y="q\\"uote"][b@2 z="3"]',
    });
  });

  it("reports lines that do not match", () => {
    expect(parse(GROK_PRESETS.nginx_combined, "not an access log line")).toBe("!line does not match %{COMBINEDAPACHELOG}");
    expect(parse(GROK_PRESETS.syslog_rfc5424, "<34>Oct 11 22:14:15 mymachine su: x")).toBe("!line does not match %{SYSLOG5424LINE}");
    expect(parse(`x${"%{WORD} ".repeat(30)}`, "nope")).toMatch(/^!line does not match x%\{WORD\} .*…$/);
  });
});

describe("built-in patterns", () => {
  it("has the common Logstash names", () => {
    const names =
      "USERNAME USER INT BASE10NUM NUMBER POSINT NONNEGINT WORD NOTSPACE SPACE DATA GREEDYDATA QUOTEDSTRING QS UUID MAC IPV4 IPV6 IP " +
      "HOSTNAME IPORHOST HOSTPORT PATH UNIXPATH URIPROTO URIHOST URIPATH URIPARAM URIPATHPARAM URI MONTH MONTHNUM MONTHDAY DAY YEAR HOUR " +
      "MINUTE SECOND TIME DATE_US DATE_EU ISO8601_TIMEZONE TIMESTAMP_ISO8601 DATE DATESTAMP HTTPDATE SYSLOGTIMESTAMP PROG SYSLOGPROG " +
      "SYSLOGHOST SYSLOGFACILITY LOGLEVEL EMAILADDRESS COMMONAPACHELOG COMBINEDAPACHELOG SYSLOGLINE SYSLOG5424LINE";
    for (const name of names.split(" ")) {
      expect(GROK_PATTERNS[name], name).toBeTypeOf("string");
    }
    expect(Object.isFrozen(GROK_PATTERNS)).toBe(true);
  });

  it("every built-in pattern compiles on its own", () => {
    for (const name of Object.keys(GROK_PATTERNS)) {
      expect(reason(`%{${name}}`), name).toBe("(compiled)");
    }
  });

  const whole = (name: string, value: string): boolean => grok(`^%{${name}}$`).parse(value).ok;

  it.each([
    ["USERNAME", ["john.doe", "a_b-c"], ["a b", "x@y"]],
    ["USER", ["root"], [""]],
    ["INT", ["42", "-7", "+3"], ["4.2", "x"]],
    ["BASE10NUM", ["3.14", "-0.5", ".5", "10"], ["1.", "1e5"]],
    ["NUMBER", ["1", "1.5", "-2"], ["one"]],
    ["POSINT", ["1", "123"], ["0", "-1", "012"]],
    ["NONNEGINT", ["0", "123"], ["-1"]],
    ["WORD", ["hello_1"], ["hello world", "a-b"]],
    ["NOTSPACE", ["a/b?c=d"], ["a b"]],
    ["SPACE", ["", "  \t"], ["x"]],
    ["DATA", ["anything at all", ""], ["two\nlines"]],
    ["GREEDYDATA", ["anything at all"], []],
    ["QUOTEDSTRING", ['"a \\"b\\" c"', "'x'", "`y`", '""'], ['"open', '"a"b"']],
    ["QS", ['"q"'], ["q"]],
    ["UUID", ["123e4567-e89b-12d3-a456-426614174000"], ["123e4567-e89b-12d3-a456-42661417400"]],
    ["MAC", ["00:1A:2b:3C:4d:5E", "00-1A-2B-3C-4D-5E", "001a.2b3c.4d5e"], ["00:1A:2B:3C:4D", "00:1A:2B:3C:4D:5G"]],
    ["IPV4", ["0.0.0.0", "192.168.1.1", "255.255.255.255", "10.0.0.254"], ["256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4x"]],
    [
      "IPV6",
      [
        "::",
        "::1",
        "1::",
        "2001:db8::1",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "fe80::1%eth0",
        "::ffff:192.0.2.128",
        "64:ff9b::192.0.2.33",
        "1:2:3:4:5:6:7::",
        "1::8",
        "1:2:3:4:5:6::8",
        "::2:3:4:5:6:7:8",
        "1:2:3:4:5:6:1.2.3.4",
        "FE80::0202:B3FF:FE1E:8329",
      ],
      ["1:2:3:4:5:6:7:8:9", "12345::", "1:::2", "::g", "1:2", "2001:db8::1::2", ":1"],
    ],
    ["IP", ["10.1.2.3", "::1"], ["x"]],
    ["HOSTNAME", ["example.com", "a-b.c-d.example.org", "localhost", "host.example.com."], ["-bad.com", "a_b.com"]],
    ["IPORHOST", ["example.com", "1.2.3.4", "::1"], ["a b"]],
    ["HOSTPORT", ["example.com:8080", "10.0.0.1:443"], ["example.com:0"]],
    ["PATH", ["/var/log/nginx/access.log", "C:\\Windows\\System32", "\\\\server\\share"], ["relative/path"]],
    ["UNIXPATH", ["/", "/a/b-c/d.e"], ["a/b"]],
    ["URIPROTO", ["https", "svn+ssh"], ["h"]],
    ["URIHOST", ["example.com:8080", "[::1]".slice(1, -1)], []],
    ["URIPATH", ["/a/b/c.html", "/"], ["a"]],
    ["URIPARAM", ["?a=1&b=2", "?"], ["a=1"]],
    ["URIPATHPARAM", ["/search?q=grok", "/x"], []],
    ["URI", ["https://user:pw@example.com:8443/a/b?c=d", "http://example.com", "ftp://10.0.0.1/file"], ["example.com/x"]],
    ["MONTH", ["Jan", "January", "sep", "Sept", "DEC"], ["Janu", "Foo"]],
    ["MONTHNUM", ["1", "01", "12"], ["13", "00"]],
    ["MONTHDAY", ["1", "09", "31"], ["32", "00"]],
    ["DAY", ["Mon", "tuesday", "SUN"], ["Mo"]],
    ["YEAR", ["2024", "99"], ["202"]],
    ["HOUR", ["0", "09", "23"], ["24"]],
    ["MINUTE", ["00", "59"], ["60", "5"]],
    ["SECOND", ["00", "59", "60", "15.003", "15,5"], ["61"]],
    ["TIME", ["22:14:15", "1:02:03.5"], ["22:14", "25:00:00"]],
    ["DATE_US", ["10/11/2003", "1-2-03"], ["13/01/2003"]],
    ["DATE_EU", ["11.10.2003", "31/12/2003"], ["32.10.2003"]],
    ["ISO8601_TIMEZONE", ["Z", "+01:00", "-0530"], ["+1"]],
    ["TIMESTAMP_ISO8601", ["2003-10-11T22:14:15.003Z", "2024-01-02 03:04:05+01:00", "2024-01-02T03:04"], ["2024-13-01T00:00:00Z"]],
    ["DATE", ["10/11/2003", "31.12.2003"], []],
    ["DATESTAMP", ["10/11/2003 22:14:15", "31.12.2003-01:02:03"], []],
    ["HTTPDATE", ["10/Oct/2000:13:55:36 -0700"], ["10/Oct/2000 13:55:36"]],
    ["SYSLOGTIMESTAMP", ["Oct 11 22:14:15", "Feb  5 09:01:02"], ["Oct 11 22:14"]],
    ["PROG", ["su", "postfix/smtpd"], ["a b", "x[1]"]],
    ["SYSLOGPROG", ["sshd[123]", "cron"], []],
    ["SYSLOGHOST", ["mymachine", "10.0.0.1"], []],
    ["SYSLOGFACILITY", ["<4.6>"], ["<34>"]],
    ["LOGLEVEL", ["INFO", "warn", "Warning", "ERROR", "err", "debug", "FATAL", "Emergency"], ["verbose"]],
    ["EMAILADDRESS", ["john.doe+tag@example.co.uk"], ["john@", "@example.com"]],
  ] as const)("%s", (name, good, bad) => {
    for (const v of good) {
      expect(whole(name, v), `${name} should match ${JSON.stringify(v)}`).toBe(true);
    }
    for (const v of bad) {
      expect(whole(name, v), `${name} should not match ${JSON.stringify(v)}`).toBe(false);
    }
  });
});

describe("compileGrok", () => {
  it("captures %{NAME:field}, skips %{NAME}, and searches anywhere in the line (unanchored, like Logstash)", () => {
    const g = grok("%{WORD:method} %{NOTSPACE} took %{NUMBER:ms:float}ms");
    expect(g.fields).toEqual([
      { name: "method", type: "string" },
      { name: "ms", type: "float" },
    ]);
    expect(g.parse("[x] GET /a took 12.5ms (slow)")).toEqual({ ok: true, fields: { method: "GET", ms: 12.5 } });
    expect(parse("^%{INT:n:int}$", "x 42")).toBe("!line does not match ^%{INT:n:int}$");
  });

  it("converts int and float, and reports values that do not convert", () => {
    expect(parse("%{INT:n:int}", "n=-42")).toEqual({ n: -42 });
    expect(parse("%{NUMBER:n:float}", "n=3.25")).toEqual({ n: 3.25 });
    expect(parse("%{NUMBER:n:int}", "n=3.25")).toBe('!field n: "3.25" is not an integer');
    // Past 2^53 the digits are kept (an exact number), not rounded.
    expect(JSON.stringify(parse("%{INT:n:int}", "n=123456789012345678901"))).toBe('{"n":123456789012345678901}');
    expect(JSON.stringify(parse("%{NUMBER:n:float}", "n=0.1000000000000000000001"))).toBe('{"n":0.1000000000000000000001}');
    expect(parse("%{NUMBER:n:float}", "n=2140.0")).toEqual({ n: 2140 });
    expect(parse("%{INT:n:int}", `n=${"9".repeat(400)}`)).toBe(`!field n: ${"9".repeat(400)} is out of range`);
    expect(parse("%{NOTSPACE:n:float}", "abc")).toBe('!field n: "abc" is not a number');
    expect(parse("%{NOTSPACE:n:float}", "1e3")).toEqual({ n: 1000 });
    expect(parse("%{NOTSPACE:n:string}", "007")).toEqual({ n: "007" });
  });

  it("normalizes [a][b] field names to a.b and keeps dotted names", () => {
    const g = grok("%{IP:[client][ip]}:%{POSINT:client.port:int}");
    expect(g.fields.map((f) => f.name)).toEqual(["client.ip", "client.port"]);
    expect(g.parse("from 10.0.0.1:5432").ok && g.parse("from 10.0.0.1:5432")).toEqual({ ok: true, fields: { "client.ip": "10.0.0.1", "client.port": 5432 } });
  });

  it("leaves out captures that did not take part or matched empty; the first capture of a repeated name wins", () => {
    expect(parse("(?:%{INT:a}|%{WORD:b})", "abc")).toEqual({ b: "abc" });
    expect(parse('"%{DATA:q}"', 'say ""')).toEqual({});
    expect(parse("%{INT:x} %{INT:x}", "1 2")).toEqual({ x: "1" });
    expect(parse("(?:%{INT:x}|-) %{INT:x}", "- 2")).toEqual({ x: "2" });
  });

  it("uses custom patterns that refer to built-ins and to each other", () => {
    const custom = { ORDERID: "[A-Z]{3}-%{INT}", ORDER: "order %{ORDERID:order_id} total %{NUMBER:total:float}" };
    expect(parse("%{ORDER} by %{USER:user}", "2024 order ABC-123 total 9.99 by alice", custom)).toEqual({ order_id: "ABC-123", total: 9.99, user: "alice" });
    // Custom patterns override built-ins.
    expect(parse("%{WORD:w}", "abc 123", { WORD: "\\d+" })).toEqual({ w: "123" });
  });

  it("turns regex named groups into fields and plain groups into non-capturing ones", () => {
    const g = grok("(?<code>[A-Z]+)-(\\d+)-(?P<n>%{INT})");
    expect(g.fields).toEqual([
      { name: "code", type: "string" },
      { name: "n", type: "string" },
    ]);
    expect(g.parse("ERR-42-7")).toEqual({ ok: true, fields: { code: "ERR", n: "7" } });
    // Literal parentheses (in a class, escaped) stay literal; a plain group captures no field.
    expect(parse("(a)[(]\\(%{INT:n}", "a((42")).toEqual({ n: "42" });
    expect(grok("(a)[(]\\(%{INT}").fields).toEqual([]);
  });

  it("does not expand %{ inside a class or after a backslash", () => {
    expect(parse("[%{]+%{INT:n}", "%{42")).toEqual({ n: "42" });
    expect(parse("\\%{WORD}", "%{WORD}")).toEqual({});
  });

  it("rejects unknown names, cycles, bad types and invalid expressions with a reason", () => {
    expect(reason("%{NOPE}")).toBe("unknown grok pattern %{NOPE} at position 0");
    expect(reason("x %{A}", { A: "a %{MISSING}" })).toBe("unknown grok pattern %{MISSING} at position 2 of pattern A");
    expect(reason("%{A}", { A: "%{B}", B: "x%{A}" })).toBe("grok patterns refer to each other in a cycle: A → B → A");
    expect(reason("%{SELF}", { SELF: "a|%{SELF}" })).toBe("grok patterns refer to each other in a cycle: SELF → SELF");
    expect(reason("%{INT:n:long}")).toBe("unknown type 'long' in %{INT:n:long} at position 0 (use int or float)");
    expect(reason("%{INT:}")).toBe("empty field name in %{INT:} at position 0");
    expect(reason("%{INT:a:int:x}")).toContain("too many ':' in %{INT:a:int:x}");
    expect(reason("%{IN-T}")).toBe("invalid pattern name in %{IN-T} at position 0 (use letters, digits and _)");
    expect(reason("ab %{INT")).toBe("unclosed %{ at position 3");
    expect(reason("%{X}", { "BAD-NAME": "x" })).toBe("invalid custom pattern name 'BAD-NAME' (use letters, digits and _)");
    expect(reason("%{A:x}", { A: "a(b" })).toBe("invalid grok pattern A: missing ')' for the group opened at position 1 of pattern A");
    expect(reason("%{A:x}", { A: "(a)\\1" })).toBe("invalid grok pattern A: backreferences are not supported (\\1 at position 3 of pattern A)");
    expect(reason("%{INT} (?=x)")).toBe("invalid grok pattern: lookahead assertions are not supported ((?= at position 7)");
    expect(reason("a".repeat(2001))).toBe("grok pattern is longer than 2000 characters");
    const bomb: Record<string, string> = { P0: "x" };
    for (let i = 1; i <= 20; i++) {
      bomb[`P${i}`] = `%{P${i - 1}}%{P${i - 1}}`;
    }
    expect(reason("%{P20}", bomb)).toBe("the grok pattern expands to more than 200000 characters");
  });

  it("has the preset names the wizard offers", () => {
    expect(GROK_PRESETS).toEqual({
      nginx_combined: "%{COMBINEDAPACHELOG}",
      apache_common: "%{COMMONAPACHELOG}",
      apache_combined: "%{COMBINEDAPACHELOG}",
      syslog_rfc3164: "%{SYSLOGLINE}",
      syslog_rfc5424: "%{SYSLOG5424LINE}",
    });
  });
});
