import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { Messages } from "./messages";

/** A page's `generateMetadata`: its title in the request's language, "<title> · Outflow". */
export function pageTitle(key: keyof Messages["shell"]["titles"]): () => Promise<Metadata> {
  return async () => {
    const t = await getTranslations("shell.titles");
    return { title: `${t(key)} · Outflow` };
  };
}
