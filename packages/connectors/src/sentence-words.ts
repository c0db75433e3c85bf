/**
 * A failure's sentence by its name in the console's `errors` catalogue (`server.<key>`), with the arguments it names
 * as text (the connection, and the client's or the server's own words as `detail`), for a console in another language.
 */
export type SentenceWords<K extends string> = { key: K; params: Record<string, string> };
