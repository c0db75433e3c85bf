import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "@outflow/testing/stack";
import { readText } from "./proc-sampler";

export type Machine = { cores: number; ramGiB: number; cpuModel: string; os: string; kernel: string; loadBefore: number[] };
export type Versions = { node: string; kafka: string; elasticsearch: string; kafkajs: string; esClient: string; esHeap: string; loadProducer: string };

export function machine(): Machine {
  const osRelease = readText("/etc/os-release") ?? "";
  const pretty = /PRETTY_NAME="([^"]+)"/.exec(osRelease)?.[1] ?? process.platform;
  const model = /model name\s*:\s*(.+)/.exec(readText("/proc/cpuinfo") ?? "")?.[1] ?? cpus()[0]?.model ?? "?";
  return {
    cores: cpus().length,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    cpuModel: model.trim(),
    os: pretty,
    kernel: (readText("/proc/sys/kernel/osrelease") ?? "?").trim(),
    loadBefore: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

/** The broker's version, from the jar path on its command line (kafka-<version>/libs or kafka_2.13-<version>.jar). */
export function kafkaVersion(kafkaPids: number[]): string {
  for (const pid of kafkaPids) {
    const cmd = (readText(`/proc/${pid}/cmdline`) ?? "").replace(/\0/g, " ");
    const m = /kafka[-_](?:2\.\d+-)?(\d+\.\d+\.\d+)/.exec(cmd);
    if (m?.[1]) {
      return m[1];
    }
  }
  return "?";
}

export function versions(kafkaPids: number[], es: { version: string; heapMax: number | null }): Versions {
  return {
    node: process.version,
    kafka: kafkaVersion(kafkaPids),
    elasticsearch: es.version,
    kafkajs: packageVersion("kafkajs"),
    esClient: packageVersion("@elastic/elasticsearch"),
    esHeap: es.heapMax ? `${Math.round(es.heapMax / 1024 / 1024)} MiB` : "?",
    loadProducer: packageVersion("@platformatic/kafka"),
  };
}
