// Lighthouse's accessibility and best-practices scores over the console's main pages (npm run lighthouse).
// Starts its own stack (database, `next start` of the built console, one worker) on the running services, as the
// browser tests do, arranges a running task, signs its admin in, and runs Lighthouse (mobile profile, the default)
// once per page in Debian's Chromium. Prints a Markdown table and each page's failing audits. Not a test: figures
// are for the README; build first (`npm run build -w @outflow/web`, NEXT_DIST_DIR respected).
import { createServer } from "node:net";
import { createTopic, produce } from "@outflow/testing/kafka";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { chromium } from "@playwright/test";
import lighthouse from "lighthouse";

const CATEGORIES = ["accessibility", "best-practices"] as const;

type PageScore = { path: string; scores: Record<(typeof CATEGORIES)[number], number | null>; failing: string[] };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A started task with a few documents written, so its page shows what a user sees. */
async function arrangeTask(stack: Stack): Promise<string> {
  const api = stack.api;
  const topic = uniqueName("lighthouse");
  await createTopic(topic, 1);
  await produce(
    topic,
    Array.from({ length: 5 }, (_, i) => ({ value: JSON.stringify({ n: i, level: "INFO", msg: `m${i}` }) })),
  );
  const kafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers });
  const es = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] });
  const task = await api.post<{ id: string }>("/api/tasks", {
    name: uniqueName("lighthouse"),
    config: { source: { connectionId: kafka.id, topics: [topic] }, sink: { connectionId: es.id, index: uniqueName("lighthouse") } },
  });
  await api.post(`/api/tasks/${task.id}/start`);
  for (let i = 0; i < 60; i++) {
    const t = await api.get<{ status: string }>(`/api/tasks/${task.id}`);
    if (t.status === "running") {
      break;
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return task.id;
}

async function main(): Promise<void> {
  const stack = await Stack.start({ workers: 1 });
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [`--remote-debugging-port=${port}`, "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const taskId = await arrangeTask(stack);
    const { cookie } = await stack.signIn(stack.admin.email, stack.admin.password);
    const signedIn = [`/tasks`, `/tasks/${taskId}`, "/tasks/new", `/tasks/${taskId}/dead-letters`, "/connections", "/users", "/audit", "/account", "/webhooks"];
    const results: PageScore[] = [];
    for (const [path, headers] of [...signedIn.map((p) => [p, { Cookie: cookie }] as const), ["/sign-in", {}] as const]) {
      const run = await lighthouse(`${stack.baseUrl}${path}`, {
        port,
        logLevel: "error",
        output: "json",
        onlyCategories: [...CATEGORIES],
        extraHeaders: headers,
      });
      const lhr = run?.lhr;
      if (!lhr) {
        throw new Error(`Lighthouse returned nothing for ${path}`);
      }
      if (new URL(lhr.finalDisplayedUrl).pathname !== path) {
        throw new Error(`${path} ended at ${lhr.finalDisplayedUrl} (not signed in?)`);
      }
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? null])) as PageScore["scores"];
      const failing = CATEGORIES.flatMap((c) => lhr.categories[c]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => ref.id);
      results.push({ path: path.replace(taskId, ":id"), scores, failing });
      console.error(`${path}: ${CATEGORIES.map((c) => `${c} ${pct(scores[c])}`).join(", ")}`);
    }
    console.log(`| Page | Accessibility | Best practices | Audits below full score |\n| --- | --- | --- | --- |`);
    for (const r of results) {
      console.log(`| \`${r.path}\` | ${pct(r.scores.accessibility)} | ${pct(r.scores["best-practices"])} | ${r.failing.join(", ") || "none"} |`);
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

const pct = (score: number | null) => (score === null ? "n/a" : String(Math.round(score * 100)));

await main();
