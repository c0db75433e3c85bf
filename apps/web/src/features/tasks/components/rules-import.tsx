"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ClosablePanel } from "@/components/closable-panel";
import { ErrorNotice } from "@/components/error-notice";
import { useImportRules } from "../hooks/use-task-actions";

/** Upload a rules document (exported from a task) to replace this task's parse settings and rules. */
export function RulesImport({ taskId, onDone }: { taskId: string; onDone: () => void }) {
  const t = useTranslations("tasks.import");
  const importRules = useImportRules();
  const [readError, setReadError] = useState<string | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) {
      return;
    }
    setReadError(null);
    importRules.reset();
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch (e) {
      setReadError(t("notJson", { file: file.name, error: (e as Error).message }));
      return;
    }
    importRules.mutate({ id: taskId, document }, { onSuccess: onDone });
  };

  return (
    <ClosablePanel label={t("label")} focus="field" onClose={onDone}>
      <p className="muted">{t("intro")}</p>
      <input type="file" accept="application/json,.json" aria-label={t("file")} onChange={(e) => void onFile(e.target.files?.[0])} />
      {readError ? <div className="notice error">{readError}</div> : null}
      <div style={{ marginTop: 10 }}>
        <ErrorNotice error={importRules.error} title={t("error")} />
      </div>
      {importRules.isPending ? <p className="muted">{t("importing")}</p> : null}
    </ClosablePanel>
  );
}
