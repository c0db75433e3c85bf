import type { Issue } from "./errors";

/**
 * Kafka topics and search indices that belong to the platform, not to a task: reading or writing them takes an
 * admin's explicit leave, given on the connection (only admins edit connections).
 */

/**
 * Kafka's internal topics (`__consumer_offsets`, `__transaction_state`, `__cluster_metadata`) and the platform's
 * around it (`_schemas` of the schema registry, `_confluent-*`): any name starting with `_`.
 */
export function isInternalTopic(topic: string): boolean {
  return topic.startsWith("_");
}

/**
 * Why a task (or a sample, or a preview) may not read `topic` from the Kafka connection `connection`, or null.
 * The one rule for tasks, samples and previews.
 */
export function internalTopicReadProblem(topic: string, connection: { name: string; allowInternalTopics?: boolean }): string | null {
  if (!isInternalTopic(topic) || connection.allowInternalTopics === true) {
    return null;
  }
  return `"${topic}" is an internal topic (names starting with _ belong to Kafka and its platform); reading it needs an admin to set allowInternalTopics on the Kafka connection "${connection.name}"`;
}

/** Why a task may not dead-letter into `topic`, or null: never into an internal topic, whoever allows reading them. */
export function deadLetterTopicProblem(topic: string): string | null {
  return isInternalTopic(topic)
    ? `"${topic}" is an internal topic (names starting with _ belong to Kafka and its platform); dead letters never go there`
    : null;
}

/** Elasticsearch's and OpenSearch's system and hidden indices (`.kibana`, `.security`, `.tasks`): names starting with `.`. */
export function isSystemIndex(index: string): boolean {
  return index.startsWith(".");
}

/** Why a task may not write to the index (as written in sink.index) through the connection, or null. */
export function systemIndexProblem(index: string, connection: { name: string; allowSystemIndices?: boolean }): string | null {
  if (!isSystemIndex(index) || connection.allowSystemIndices === true) {
    return null;
  }
  return `"${index}" is a system index (names starting with . belong to the search server); writing to it needs an admin to set allowSystemIndices on the search connection "${connection.name}"`;
}

type TaskNames = { source: { topics: string[] }; sink: { index: string }; failure: { policy: string; topic?: string } };

/**
 * Every reserved name a task config uses without leave, as issues (fields relative to the config): checked when a
 * task is saved and again when a worker starts it (an admin may have taken the leave back since).
 */
export function reservedNameIssues(
  config: TaskNames,
  source: { name: string; allowInternalTopics?: boolean } | null,
  sink: { name: string; allowSystemIndices?: boolean } | null,
): Issue[] {
  const issues: Issue[] = [];
  config.source.topics.forEach((topic, i) => {
    const problem = source && internalTopicReadProblem(topic, source);
    if (problem) {
      issues.push({
        field: `source.topics.${i}`,
        message: problem,
        key: "schema.reservedNames.internalTopic",
        params: { topic, connection: source.name },
      });
    }
  });
  const systemIndex = sink && systemIndexProblem(config.sink.index, sink);
  if (systemIndex) {
    issues.push({
      field: "sink.index",
      message: systemIndex,
      key: "schema.reservedNames.systemIndex",
      params: { index: config.sink.index, connection: sink.name },
    });
  }
  const deadLetter = config.failure.policy === "dead_letter" && config.failure.topic !== undefined ? deadLetterTopicProblem(config.failure.topic) : null;
  if (deadLetter) {
    issues.push({ field: "failure.topic", message: deadLetter, key: "schema.reservedNames.deadLetterTopic", params: { topic: config.failure.topic ?? "" } });
  }
  return issues;
}
