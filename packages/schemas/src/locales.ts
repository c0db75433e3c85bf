import { z } from "zod";

/** The console's languages: English and Simplified Chinese. The API's own messages stay English (a contract). */
export const CONSOLE_LOCALES = ["en", "zh-CN"] as const;
export const ConsoleLocale = z.enum(CONSOLE_LOCALES);
export type ConsoleLocale = z.infer<typeof ConsoleLocale>;
