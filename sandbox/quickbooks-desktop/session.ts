// The shapes the request processor (qbxml-engine.ts) and its handlers share, in a
// file of their own so the handlers do not import the processor that imports them.

/** What the Web Connector keeps per session: iterators die with it. */
export interface Session {
  iterators: Map<string, { ids: string[]; pos: number; max: number }>;
}

export interface Host {
  productName: string;
  majorVersion: string;
  country: string;
  versions: string[];
  companyName: string;
}
