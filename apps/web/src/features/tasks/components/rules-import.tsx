"use client";

import { useState } from "react";
import { ClosablePanel } from "@/components/closable-panel";
import { ErrorNotice } from "@/components/error-notice";
import { useImportRules } from "../hooks/use-task-actions";

/** Upload a rules document (exported from a task) to replace this task's parse settings and rules. */
export function RulesImport({ taskId, onDone }: { taskId: string; onDone: () => void }) {
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
      setReadError(`${file.name} is not JSON: ${(e as Error).message}`);
      return;
    }
    importRules.mutate({ id: taskId, document }, { onSuccess: onDone });
  };

  return (
    <ClosablePanel label="Import rules" focus="field" onClose={onDone}>
      <p className="muted">
        Replaces this task's rules (and its parse settings, when the document has them) with a document exported from a task. A running task restarts its
        consumers with the new rules.
      </p>
      <input type="file" accept="application/json,.json" aria-label="Rules document" onChange={(e) => void onFile(e.target.files?.[0])} />
      {readError ? <div className="notice error">{readError}</div> : null}
      <div style={{ marginTop: 10 }}>
        <ErrorNotice error={importRules.error} title="Not imported" />
      </div>
      {importRules.isPending ? <p className="muted">Importing…</p> : null}
    </ClosablePanel>
  );
}
