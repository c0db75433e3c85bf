"use client";

import { useLocale } from "next-intl";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import type { FieldMessage } from "@/components/form-field";
import { getAt, type Path, related, setAt } from "./draft-paths";
import type { WizardDraft } from "./wizard-draft";
import { clientIssues, visibleIssues, type WizardIssue } from "./wizard-issues";

type SetOptions = { touch?: boolean };

export type WizardApi = {
  draft: WizardDraft;
  /** The draft's value at a path (`name` or a config path such as `sink.index`). */
  get: (path: Path) => unknown;
  set: (path: Path, value: unknown, opts?: SetOptions) => void;
  /** Every issue shown right now (client and server), in the draft's paths. */
  issues: WizardIssue[];
  /** Every client issue, shown or not (the step list counts them). */
  allClientIssues: WizardIssue[];
  /** The messages to show under the input at `path` (and at `also`). */
  messagesAt: (path: Path, also?: Path[]) => FieldMessage[];
  setServerIssues: (issues: WizardIssue[]) => void;
  showAllIssues: () => void;
  /** Which sampled message the previews show. */
  sampleIndex: number;
  setSampleIndex: (i: number) => void;
};

const Ctx = createContext<WizardApi | null>(null);

/** `name` lives on the draft; everything else is a path in the config. */
const draftPath = (path: Path) => (path === "name" ? "name" : `config.${path}`);

export function WizardProvider({ initial, children }: { initial: WizardDraft; children: ReactNode }) {
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<Path>>(new Set());
  const [server, setServer] = useState<WizardIssue[]>([]);
  const [showAll, setShowAll] = useState(false);
  const [sampleIndex, setSampleIndex] = useState(0);

  const set = useCallback((path: Path, value: unknown, opts: SetOptions = {}) => {
    setDraft((d) => setAt(d, draftPath(path), value));
    if (opts.touch !== false) {
      setTouched((t) => (t.has(path) ? t : new Set([...t, path])));
    }
    // An edited field's server errors are out of date.
    setServer((s) => (s.some((i) => related(i.field, path)) ? s.filter((i) => !related(i.field, path)) : s));
  }, []);

  const locale = useLocale();
  const allClientIssues = useMemo(() => clientIssues(draft, locale), [draft, locale]);
  const issues = useMemo(() => visibleIssues(allClientIssues, server, touched, showAll), [allClientIssues, server, touched, showAll]);

  const api = useMemo<WizardApi>(
    () => ({
      draft,
      get: (path) => getAt(draft, draftPath(path)),
      set,
      issues,
      allClientIssues,
      messagesAt: (path, also = []) => issues.filter((i) => i.field === path || also.includes(i.field)).map((i) => ({ message: i.message, origin: i.origin })),
      setServerIssues: setServer,
      showAllIssues: () => setShowAll(true),
      sampleIndex,
      setSampleIndex,
    }),
    [draft, set, issues, allClientIssues, sampleIndex],
  );
  return <Ctx.Provider value={api}>{children}</Ctx.Provider>;
}

export function useWizard(): WizardApi {
  const api = useContext(Ctx);
  if (!api) {
    throw new Error("useWizard must be used inside <WizardProvider>");
  }
  return api;
}
