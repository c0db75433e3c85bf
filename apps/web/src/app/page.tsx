export default function Home() {
  return (
    <main>
      <h1>Outflow</h1>
      <p>Kafka → Elasticsearch outflow tasks.</p>
    </main>
  );
}
