import { ConnectionList } from "@/features/connections/components/connection-list";

export const metadata = { title: "Connections · Outflow" };

export default function ConnectionsPage() {
  return <ConnectionList />;
}
