import enAdmin from "../../messages/en/admin.json";
import enCommon from "../../messages/en/common.json";
import enConnections from "../../messages/en/connections.json";
import enDeadLetters from "../../messages/en/deadLetters.json";
import enErrors from "../../messages/en/errors.json";
import enExplorer from "../../messages/en/explorer.json";
import enPreview from "../../messages/en/preview.json";
import enSession from "../../messages/en/session.json";
import enShell from "../../messages/en/shell.json";
import enTasks from "../../messages/en/tasks.json";
import enWizard from "../../messages/en/wizard.json";
import zhAdmin from "../../messages/zh-CN/admin.json";
import zhCommon from "../../messages/zh-CN/common.json";
import zhConnections from "../../messages/zh-CN/connections.json";
import zhDeadLetters from "../../messages/zh-CN/deadLetters.json";
import zhErrors from "../../messages/zh-CN/errors.json";
import zhExplorer from "../../messages/zh-CN/explorer.json";
import zhPreview from "../../messages/zh-CN/preview.json";
import zhSession from "../../messages/zh-CN/session.json";
import zhShell from "../../messages/zh-CN/shell.json";
import zhTasks from "../../messages/zh-CN/tasks.json";
import zhWizard from "../../messages/zh-CN/wizard.json";
import type { Locale } from "./locales";

/**
 * The catalogues, one file per area of the console and language (`messages/<locale>/<namespace>.json`); the
 * namespace is the file's name. English is the reference: its shape types every `t()` call (global.d.ts).
 */
export const EN_MESSAGES = {
  admin: enAdmin,
  common: enCommon,
  connections: enConnections,
  deadLetters: enDeadLetters,
  errors: enErrors,
  explorer: enExplorer,
  preview: enPreview,
  session: enSession,
  shell: enShell,
  tasks: enTasks,
  wizard: enWizard,
};

export type Messages = typeof EN_MESSAGES;

export const MESSAGES: Record<Locale, Messages> = {
  en: EN_MESSAGES,
  // The key test (catalogues.test.ts) keeps the Chinese catalogue's keys equal to the English one's.
  "zh-CN": {
    admin: zhAdmin,
    common: zhCommon,
    connections: zhConnections,
    deadLetters: zhDeadLetters,
    errors: zhErrors,
    explorer: zhExplorer,
    preview: zhPreview,
    session: zhSession,
    shell: zhShell,
    tasks: zhTasks,
    wizard: zhWizard,
  } as Messages,
};
