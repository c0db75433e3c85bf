import "server-only";
import { isLocale, type Locale } from "@/i18n/locales";
import { ctx } from "./context";

/** The console language a user chose (the switch stores it), or null when they have not chosen one. */
export async function storedLocaleOf(userId: string): Promise<Locale | null> {
  const row = await ctx().db.user.findUnique({ where: { id: userId }, select: { locale: true } });
  return isLocale(row?.locale) ? row.locale : null;
}

export async function storeLocale(userId: string, locale: Locale | null): Promise<void> {
  await ctx().db.user.update({ where: { id: userId }, data: { locale } });
}
