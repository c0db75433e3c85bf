import { findTask } from "@outflow/db/tasks";
import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TaskDetail } from "@/features/tasks/components/task-detail";
import { taskPageFirstPaint } from "@/features/tasks/server/first-paint";
import { ctx } from "@/server/context";
import { requireActor } from "@/server/page-session";

/** The tab names the task (every signed-in role may read task names). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  await requireActor();
  const { id } = await params;
  const [task, t] = await Promise.all([findTask(ctx().db, id).catch(() => null), getTranslations("shell.titles")]);
  return { title: task ? `${task.name} · ${t("tasks")} · Outflow` : `${t("task")} · Outflow` };
}

export default async function TaskPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ startError?: string }> }) {
  const [{ id }, { startError }] = await Promise.all([params, searchParams]);
  // The task is read here, so the page paints with its heading, status and figures; the browser polls from then on.
  return (
    <HydrationBoundary state={await taskPageFirstPaint(id)}>
      <TaskDetail id={id} startError={startError} />
    </HydrationBoundary>
  );
}
