"use client";

import type { SchemaNode } from "@outflow/pipeline/formats/schema-tree";
import { SchemaSubjects } from "@outflow/schemas/api/responses";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { SampleMessage } from "@/features/preview/preview-schemas";
import { registryFormatOf, sampleSchemaRef } from "@/features/preview/sample-schema";
import type { SchemaValueChoices } from "@/features/preview/schema-template";
import { fetchJson } from "@/lib/http/fetch-json";
import { useWizard } from "../wizard-context";

export type SampleSchema = {
  /** The decoded records' shape. */
  tree: SchemaNode;
  choices: SchemaValueChoices;
  /** The parse's flatten separator, when it flattens. */
  flattenSeparator?: string;
  /** The task writes Debezium rows (the envelope's `after`). */
  debezium: boolean;
};

/**
 * The schema of the sampled messages when the task reads a registry format: fetched from the Kafka connection's
 * registry by the id the messages carry (the same query as the schema shown beside a decoded message), read into
 * its shape in the browser (the schema reader, with Protobuf's parser, loads only then). Null otherwise, or while
 * loading, or when the registry does not answer (the preview says why).
 */
export function useSampleSchema(samples: readonly SampleMessage[]): SampleSchema | null {
  const w = useWizard();
  const format = registryFormatOf(w.get("parse.format"));
  const connectionId = String(w.get("source.connectionId") ?? "");
  const ref = format ? sampleSchemaRef(samples, format) : null;
  const found = useQuery({
    queryKey: ["preview", "schema-subjects", connectionId, ref?.id ?? null],
    queryFn: () => fetchJson(`/api/connections/${encodeURIComponent(connectionId)}/schemas/${ref?.id}`, SchemaSubjects),
    enabled: ref !== null && connectionId !== "",
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const schema = found.data?.schema ?? null;
  const tree = useQuery({
    queryKey: ["preview", "schema-tree", connectionId, ref?.id ?? null, format, ref?.indexes ?? []],
    queryFn: async () => {
      const { schemaTree } = await import("@outflow/pipeline/formats/schema-tree");
      return format && schema ? schemaTree(schema, format, ref?.indexes) : null;
    },
    enabled: format !== null && schema !== null,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const flatten = w.get("parse.flatten") as { separator?: string } | undefined;
  const separator = flatten ? (flatten.separator ?? ".") : undefined;
  const debezium = (w.get("sink.cdc") as { format?: string } | undefined)?.format === "debezium";
  const timestamps = format && format.type !== "json_schema" ? format.timestamps : undefined;
  const decimals = format?.type === "avro" ? format.decimals : undefined;
  // One object while nothing it holds changes: callers memoize on it.
  return useMemo(() => {
    if (!tree.data) {
      return null;
    }
    const choices: SchemaValueChoices = { timestamps: timestamps ?? "iso", decimals: decimals ?? "string" };
    return { tree: tree.data, choices, ...(separator !== undefined ? { flattenSeparator: separator } : {}), debezium };
  }, [tree.data, timestamps, decimals, separator, debezium]);
}
