import { it } from "vitest";
import { compileGrok, GROK_PRESETS } from "./grok";

it("grok smoke", () => {
  const lines: [string, string][] = [
    [
      GROK_PRESETS.nginx_combined,
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"',
    ],
    [GROK_PRESETS.nginx_combined, '2001:db8::1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 304 - "-" "-"'],
    [GROK_PRESETS.apache_common, '192.168.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /x HTTP/1.0" 200 2326'],
    [GROK_PRESETS.syslog_rfc3164, "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8"],
    [GROK_PRESETS.syslog_rfc3164, "Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8"],
    [GROK_PRESETS.syslog_rfc3164, "Oct  1 22:14:15 host sshd[1234]: Accepted publickey"],
    [
      GROK_PRESETS.syslog_rfc5424,
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event log entry...',
    ],
  ];
  for (const [p, l] of lines) {
    const g = compileGrok(p);
    if (!g.ok) {
      console.log(g.reason);
      continue;
    }
    console.log(JSON.stringify(g.grok.parse(l)));
  }
  for (const [p, c] of [
    ["%{FOO}", {}],
    ["%{A}", { A: "%{B}", B: "x%{A}" }],
    ["%{INT:x:long}", {}],
    ["%{A:x}", { A: "a(b" }],
    ["%{A:x}", { A: "a\\1" }],
    ["%{IP:[client][ip]} %{NUMBER:n:float}", {}],
  ] as const) {
    const g = compileGrok(p, c);
    console.log(p, g.ok ? JSON.stringify(g.grok.fields) : g.reason);
  }
});
