import { type Client, errors } from "@elastic/elasticsearch";

export { createElastic } from "./search-sink";

export function describeEsError(err: unknown): string {
  if (err instanceof errors.ResponseError) {
    const body = err.meta.body as { error?: { type?: string; reason?: string } } | undefined;
    return `HTTP ${err.meta.statusCode}${body?.error?.type ? ` ${body.error.type}` : ""}: ${body?.error?.reason ?? err.message}`;
  }
  return (err as Error).message;
}

export type { Client as ElasticClient };
export { errors as esErrors };
