import { describe, expect, it } from "vitest";
import { configNoteWords } from "./config-note-words";
import { eventWords } from "./event-words";

describe("configNoteWords", () => {
  it.each([
    ["Task created", "taskCreated", {}],
    ["Configuration saved", "configSaved", {}],
    ["Rules imported", "rulesImported", {}],
    ["Restored version 1", "restoredVersion", { version: 1 }],
    ["Restored version 1234", "restoredVersion", { version: 1234 }],
  ])("words the server's note %j", (note, messageKey, params) => {
    expect(configNoteWords(note)).toEqual({ message: note, messageKey, params });
  });

  it("recognises what each builder writes (one source for the English)", () => {
    for (const w of [eventWords.taskCreated(), eventWords.configSaved(), eventWords.rulesImported(), eventWords.restoredVersion(42)]) {
      expect(configNoteWords(w.message)).toEqual(w);
    }
  });

  it.each([
    "",
    "task created",
    "Configuration saved.",
    "Restored version",
    "Restored version x",
    "Restored version 01",
    "Restored version 1 2",
    "Restored version -1",
    " Restored version 3",
    "Configuration saved: saved as version 3",
    "imported from legacy tool",
  ])("leaves an unknown note %j as stored", (note) => {
    expect(configNoteWords(note)).toBeNull();
  });
});
