import { DeadLetterWorkbench } from "@/features/dead-letters/components/dead-letter-workbench";

export default async function DeadLettersPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DeadLetterWorkbench taskId={id} />;
}
