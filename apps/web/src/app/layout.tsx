import type { ReactNode } from "react";

export const metadata = { title: "Outflow", description: "Stream Kafka topics into Elasticsearch" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
