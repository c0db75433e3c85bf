import type { WireMessage } from "@outflow/schemas/api/preview";

export { SampleWindow } from "@outflow/schemas/api/preview";

export { PreviewResult, PreviewRow, SampleList } from "@outflow/schemas/api/responses";
export type SampleMessage = WireMessage;
