import { isIP, connect as netConnect, Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import type { ElasticsearchConnectionInput, KafkaConnectionInput } from "@outflow/schemas/connection";
import { isInternalTopic } from "@outflow/schemas/reserved-names";
import { type ISocketFactory, Kafka, type KafkaConfig, logLevel, type SASLOptions } from "kafkajs";
import { guardedLookup, refusalBeforeDns } from "./connect-guard";

import { explainingRefusals } from "./kafka-connect-errors";
import "./kafkajs-fixes";

export type KafkaLogSink = (level: "error" | "warn" | "info", message: string, extra: Record<string, unknown>) => void;

/** A kafkajs client for a stored Kafka connection (with its secrets). */
export function createKafka(
  conn: KafkaConnectionInput,
  opts: { clientId: string; log?: KafkaLogSink; connectionTimeout?: number; requestTimeout?: number; retries?: number },
): Kafka {
  const config: KafkaConfig = {
    clientId: opts.clientId,
    brokers: conn.brokers,
    connectionTimeout: opts.connectionTimeout ?? 5_000,
    requestTimeout: opts.requestTimeout ?? 30_000,
    retry: { initialRetryTime: 300, retries: opts.retries ?? 8, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
    socketFactory: policedSockets(`Kafka connection "${conn.name}"`),
    logCreator:
      () =>
      ({ level, log }) => {
        const { message, ...extra } = log;
        const l = level === logLevel.ERROR ? "error" : level === logLevel.WARN ? "warn" : "info";
        opts.log?.(l, String(message), extra);
      },
  };
  if (conn.tls?.enabled) {
    config.ssl = {
      rejectUnauthorized: conn.tls.rejectUnauthorized,
      ...(conn.tls.ca ? { ca: [conn.tls.ca] } : {}),
      ...(conn.tls.cert ? { cert: conn.tls.cert } : {}),
      ...(conn.tls.key ? { key: conn.tls.key } : {}),
    };
  }
  if (conn.sasl) {
    config.sasl = { mechanism: conn.sasl.mechanism, username: conn.sasl.username, password: conn.sasl.password } as SASLOptions;
  }
  return explainingRefusals(new Kafka(config), conn.name);
}

/**
 * kafkajs' own socket factory, with the connect policy: to every broker (the listed ones and those the cluster
 * metadata names), a denied address fails the connection before a byte is sent.
 */
function policedSockets(connection: string): ISocketFactory {
  const lookup = guardedLookup(connection);
  return ({ host, port, ssl, onConnect }) => {
    const refused = refusalBeforeDns(connection, host);
    if (refused) {
      const socket = new Socket();
      process.nextTick(() => socket.destroy(refused));
      return socket;
    }
    const socket = ssl
      ? tlsConnect({ host, port, lookup, ...(isIP(host) ? {} : { servername: host }), ...ssl }, onConnect)
      : netConnect({ host, port, lookup }, onConnect);
    socket.setKeepAlive(true, 60_000);
    return socket;
  };
}

export type TopicInfo = { name: string; partitions: number };

/** The cluster's topics; internal ones (`reserved-names.ts`) only when the connection allows reading them. */
export async function listTopics(kafka: Kafka, opts: { internal?: boolean } = {}): Promise<TopicInfo[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const meta = await admin.fetchTopicMetadata();
    return meta.topics
      .filter((t) => opts.internal === true || !isInternalTopic(t.name))
      .map((t) => ({ name: t.name, partitions: t.partitions.length }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    await admin.disconnect();
  }
}

/** A failure keeps the error (`cause`) for kafkaFailure's category. */
export type KafkaProbe = { ok: true; brokers: number; controller: number | null; topics: number } | { ok: false; error: string; cause: unknown };

export async function probeKafka(kafka: Kafka): Promise<KafkaProbe> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    const topics = await admin.listTopics();
    return { ok: true, brokers: cluster.brokers.length, controller: cluster.controller, topics: topics.filter((t) => !isInternalTopic(t)).length };
  } catch (err) {
    return { ok: false, error: (err as Error).message, cause: err };
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

export type { ElasticsearchConnectionInput };

/** What became of a consumer group asked to be deleted: `absent` when it never existed (nothing was committed). */
export type GroupDeletion = { outcome: "deleted" | "absent" } | { outcome: "kept"; reason: string };

/** Deletes a consumer group; the broker's refusal (members still in it, no ACL, unreachable) comes back as the reason. */
export async function deleteConsumerGroup(kafka: Kafka, groupId: string): Promise<GroupDeletion> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
    return { outcome: "deleted" };
  } catch (err) {
    const refused = (err as { groups?: { groupId: string; error?: { type?: string; message?: string } }[] }).groups?.find((g) => g.groupId === groupId);
    if (refused?.error?.type === "GROUP_ID_NOT_FOUND") {
      return { outcome: "absent" };
    }
    return { outcome: "kept", reason: refused?.error?.message ?? (err as Error).message };
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
