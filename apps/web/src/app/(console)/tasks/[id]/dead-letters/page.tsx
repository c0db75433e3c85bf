import { findTask } from "@outflow/db/tasks";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DeadLetterWorkbench } from "@/features/dead-letters/components/dead-letter-workbench";
import { ctx } from "@/server/context";
import { requireActor } from "@/server/page-session";

/** The tab names the task and what the page lists (its dead letters, or its discards under the discard policy). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  await requireActor();
  const { id } = await params;
  const [task, t] = await Promise.all([findTask(ctx().db, id).catch(() => null), getTranslations("deadLetters.workbench")]);
  const what = task?.config.failure.policy === "discard" ? t("titleDiscard") : t("titleDeadLetter");
  return { title: task ? `${task.name} · ${what} · Outflow` : `${what} · Outflow` };
}

export default async function DeadLettersPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DeadLetterWorkbench taskId={id} />;
}
