import { TaskList } from "@/features/tasks/components/task-list";

export const metadata = { title: "Tasks · Outflow" };

export default function TasksPage() {
  return <TaskList />;
}
