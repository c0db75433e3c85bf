export { EventPage, TaskConfigVersionList, TaskList, TaskView } from "@outflow/schemas/api/responses";
export { RulesDocument } from "@outflow/schemas/api/rules";
