// The shape of an error catalogue entry (issue 16, Support): what an error means and what the
// operator does about it, in Weft's words, with the vendor document it comes from.

export type ErrorSystem =
  'weft' | 'quickbooks-online' | 'qbxml' | 'web-connector' | 'quickbooks-desktop' | 'creatio' | 'interweave';

export interface CatalogueEntry {
  /** Stable, URL-safe: `#/errors/<id>`. */
  id: string;
  system: ErrorSystem;
  /** The code as the vendor writes it (`6240`, `0x80040414`, `H202`, `401`). */
  code: string;
  title: string;
  /** What happened, for an operator. */
  meaning: string;
  /** What to do next. */
  action: string;
  /** Failure codes (as Weft records them, e.g. `qbo.6240`) this entry explains. */
  codes?: string[];
  /** Failure messages this entry explains, when the code is not enough. */
  pattern?: RegExp;
  /** The operator guide that goes with it (`#/guide/<name>`). */
  guide?: string;
  /** The vendor document the entry is written from. */
  source: string;
}
