export { wireToMessage } from "@outflow/pipeline";
