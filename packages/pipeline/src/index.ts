export type { Action, Processed, Tracer, TraceStep } from "./action";
export {
  type AggregationInput,
  type AggregationSpec,
  type AggregationWrite,
  aggregationInputs,
  type CurrentDoc,
  docKey,
  OFFSETS_FIELD,
  planAggregation,
  STATE_FIELD,
} from "./aggregation";
export { actionToNdjson, byteLength } from "./bulk";
export { type BulkResponseItem, classifyItem, type DocumentEffect, type ItemResult, type MappingConflict } from "./bulk-result";
export { ChunkSettlement, countEffect, type DocumentEffects, type MessageOutcome, type PendingAction } from "./chunk-settlement";
export { type CompiledTask, type CompileResult, compileTask, safeCompileTask } from "./compile";
export {
  type ChunkCounts,
  type Disposition,
  deadLetterHeaders,
  emptyCounts,
  type FailedMessage,
  planDisposition,
} from "./disposition";
export { parseJsonExact } from "./exact-number";
export { indexNameProblem } from "./index-name";
export type { HeaderValue, KafkaMessage, Stage } from "./message";
export { AGGREGATION_NOTE, type PreviewBudget, PreviewOverBudget, type PreviewRow, previewMessages } from "./preview";
export { processMessage } from "./process-message";
export { MAPPING_CONFLICT_MS, MAPPING_CONFLICT_TRIES, RecurringRejections } from "./recurring-rejection";
export { rulesDocumentIssues } from "./rules-document";
export { wireToMessage } from "./wire-message";
