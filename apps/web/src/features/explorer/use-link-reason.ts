import type { DocumentPage } from "@outflow/schemas/api/explorer";
import { useTranslations } from "next-intl";

type NoLink = Extract<DocumentPage["link"], { via: "none" }>;

/** Why documents do not lead to their messages, in the reader's language (the English of the answer when it names no key). */
export function useLinkReason(): (link: NoLink) => string {
  const t = useTranslations("explorer.linkReasons");
  return (link) => {
    switch (link.reasonKey) {
      case "aggregation":
      case "cdcKeysDoNotName":
      case "severalTopics":
        return t(link.reasonKey);
      case "idsDoNotName":
        return t("idsDoNotName", { idType: link.params?.idType ?? "" });
      default:
        return link.reason;
    }
  };
}
