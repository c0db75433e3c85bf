import { type EventWords, eventWords } from "./event-words";

/** The notes the server writes on a config version (`task_config_versions.note`), from the event words' builders. */
const FIXED: EventWords[] = [eventWords.taskCreated(), eventWords.configSaved(), eventWords.rulesImported()];

/**
 * The words (catalogue key `tasks.events.words.<messageKey>` and parameters) of a stored config-version note, so the
 * console shows it in the reader's language; null for a note the server does not write (shown as stored). The note
 * itself stays English in the database and the API. A note is recognised only when its builder gives it back exactly.
 */
export function configNoteWords(note: string): EventWords | null {
  const fixed = FIXED.find((w) => w.message === note);
  if (fixed) {
    return fixed;
  }
  const version = /^\D*(\d{1,9})\D*$/.exec(note)?.[1];
  if (version !== undefined) {
    const restored = eventWords.restoredVersion(Number(version));
    if (restored.message === note) {
      return restored;
    }
  }
  return null;
}
