import { ConnectionList } from "@/features/connections/components/connection-list";
import { pageTitle } from "@/i18n/page-title";

export const generateMetadata = pageTitle("connections");

export default function ConnectionsPage() {
  return <ConnectionList />;
}
