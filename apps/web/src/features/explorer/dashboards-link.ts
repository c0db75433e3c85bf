/** A string in Rison (the URL state of Kibana and OpenSearch Dashboards): quoted, `!` and `'` escaped with `!`. */
function rison(text: string): string {
  return `'${text.replace(/!/g, "!!").replace(/'/g, "!'")}'`;
}

/** A term of a KQL query, quoted (`\` and `"` escaped). */
function kql(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * Discover on a Kibana or OpenSearch Dashboards, searching the index (and one document) by KQL over all time.
 * Both take this legacy Discover URL (OpenSearch Dashboards 2.10+ redirects it to its data explorer); the data view
 * shown is the user's default one, which must cover the index.
 */
export function discoverLink(base: string, index: string, id?: string): string {
  const query = `_index:${kql(index)}${id === undefined ? "" : ` and _id:${kql(id)}`}`;
  const g = "(time:(from:now-100y,to:now))";
  const a = `(query:(language:kuery,query:${rison(query)}))`;
  return `${base.replace(/\/+$/, "")}/app/discover#/?_g=${encodeURIComponent(g)}&_a=${encodeURIComponent(a)}`;
}
