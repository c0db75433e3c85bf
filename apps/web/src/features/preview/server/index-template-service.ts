import "server-only";
import { describeEsError } from "@outflow/connectors/elasticsearch";
import { searchFailure } from "@outflow/connectors/search-failure";
import { createElastic } from "@outflow/connectors/search-sink";
import { resolveConnection } from "@outflow/db/connections";
import type { IndexTemplateAnswer, IndexTemplateRequest } from "@outflow/schemas/api/index-template";
import type { ElasticsearchConnectionInput } from "@outflow/schemas/connection";
import { AppError } from "@outflow/schemas/errors";
import { createTranslator } from "next-intl";
import { EN_MESSAGES } from "@/i18n/messages";
import { serverError, serverIssue } from "@/lib/http/server-error";
import { ctx } from "@/server/context";
import { templateMappings } from "../index-template";

const enc = encodeURIComponent;

/** The API's messages stay English (a contract for scripts): the template's field problems from the English catalogue. */
const templateT = createTranslator({ locale: "en", messages: EN_MESSAGES, namespace: "preview.template" });

/**
 * Creates (or, with `replace`, replaces) a composable index template for the task's indices, with the fields'
 * types: indices created afterwards follow it, and the dry run, which simulates a new index's template, checks the
 * documents against it. Elasticsearch 7.8+ and OpenSearch 1+ have `_index_template`.
 */
export async function createIndexTemplate(req: IndexTemplateRequest): Promise<IndexTemplateAnswer> {
  const made = templateMappings(req.fields, templateT);
  if (!made.ok) {
    throw AppError.invalid(made.issues);
  }
  const { db, box } = ctx();
  const conn = await resolveConnection(db, box, req.connectionId);
  if (!conn) {
    throw AppError.invalid([serverIssue("connectionId", "connectionNotFound", { id: req.connectionId })]);
  }
  if (conn.kind !== "elasticsearch") {
    throw AppError.invalid([serverIssue("connectionId", "notSearchConnection", { name: conn.name })]);
  }
  const client = createElastic(conn as unknown as ElasticsearchConnectionInput, { requestTimeoutMs: 10_000, maxRetries: 0 });
  try {
    const existing = await client.transport.request({ method: "GET", path: `/_index_template/${enc(req.name)}` }, { meta: true, ignore: [404] });
    const exists = existing.statusCode !== 404;
    if (exists && !req.replace) {
      throw serverError("conflict", "templateExistsOn", { name: req.name, connection: conn.name }, [serverIssue("name", "templateExists", { name: req.name })]);
    }
    await client.transport.request({
      method: "PUT",
      path: `/_index_template/${enc(req.name)}`,
      body: {
        index_patterns: req.indexPatterns,
        priority: req.priority,
        template: { mappings: made.mappings },
        _meta: { created_by: "outflow wizard" },
      },
    });
    return { name: req.name, indexPatterns: req.indexPatterns, mappings: made.mappings, replaced: exists };
  } catch (err) {
    if (err instanceof AppError) {
      throw err;
    }
    const f = searchFailure(err);
    if (f.status === 400) {
      throw AppError.invalid([serverIssue("fields", "templateRefused", { connection: conn.name, reason: describeEsError(err) })]);
    }
    throw new AppError("bad_gateway", `"${conn.name}": ${f.message}`);
  } finally {
    await client.close().catch(() => {});
  }
}
