import { TaskDetail } from "@/features/tasks/components/task-detail";

export default async function TaskPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ startError?: string }> }) {
  const [{ id }, { startError }] = await Promise.all([params, searchParams]);
  return <TaskDetail id={id} startError={startError} />;
}
