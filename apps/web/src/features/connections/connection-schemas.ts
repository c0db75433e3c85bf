import { z } from "zod";

export { ConnectionList, ConnectionTestResult, type TopicInfo, TopicList } from "@outflow/schemas/api/responses";

export const NoContent = z.null();
