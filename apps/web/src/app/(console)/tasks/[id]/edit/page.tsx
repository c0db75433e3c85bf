import { RoleGate } from "@/features/session/components/role-gate";
import { TaskWizard } from "@/features/task-wizard/components/task-wizard";
import { isStepId } from "@/features/task-wizard/wizard-steps";
import { pageTitle } from "@/i18n/page-title";

export const generateMetadata = pageTitle("editTask");

export default async function EditTaskPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ step?: string }> }) {
  const [{ id }, { step }] = await Promise.all([params, searchParams]);
  return (
    <RoleGate need="editor">
      <TaskWizard taskId={id} initialStep={isStepId(step) ? step : undefined} />
    </RoleGate>
  );
}
