export { EventPage, TaskConfigVersionList, TaskView } from "@outflow/schemas/api/responses";
export { RulesDocument } from "@outflow/schemas/api/rules";
export { TaskListItem, TaskListPage } from "@outflow/schemas/api/task-list";
