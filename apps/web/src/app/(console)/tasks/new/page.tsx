import { RoleGate } from "@/features/session/components/role-gate";
import { TaskWizard } from "@/features/task-wizard/components/task-wizard";
import { isStepId } from "@/features/task-wizard/wizard-steps";
import { pageTitle } from "@/i18n/page-title";

export const generateMetadata = pageTitle("newTask");

export default async function NewTaskPage({ searchParams }: { searchParams: Promise<{ step?: string }> }) {
  const { step } = await searchParams;
  return (
    <RoleGate need="editor">
      <TaskWizard initialStep={isStepId(step) ? step : undefined} />
    </RoleGate>
  );
}
