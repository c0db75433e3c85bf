import { HydrationBoundary } from "@tanstack/react-query";
import { TaskList } from "@/features/tasks/components/task-list";
import { taskListFirstPaint } from "@/features/tasks/server/first-paint";
import { viewOf } from "@/features/tasks/task-list-params";
import { pageTitle } from "@/i18n/page-title";

export const generateMetadata = pageTitle("tasks");

/** The list's first page is read here, so it paints with its rows; the browser keeps it fresh from then on. */
export default async function TasksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) {
    if (typeof v === "string") {
      params.set(k, v);
    }
  }
  return (
    <HydrationBoundary state={await taskListFirstPaint(viewOf(params))}>
      <TaskList />
    </HydrationBoundary>
  );
}
