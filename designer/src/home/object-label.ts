// How an object's name reads on a gallery card (issue 15): an analyst scanning 56 templates reads
// "QB Journal Entry", not the Creatio code `UsrQBJournalEntry`. The code stays in the chip's tooltip
// and in the template's description, where a specialist must type it into Creatio.

/** "UsrQBGLAccount" → "QB GL Account", "SalesReceipt" → "Sales Receipt", "Payment QB" unchanged. */
export function objectLabel(code: string): string {
  return code
    .replace(/^Usr(?=[A-Z])/, '') // Creatio's prefix for custom objects says nothing to a reader
    .replace(/^QB(?=[A-Z])/, 'QB ')
    .replace(/GL(?=[A-Z])/, 'GL ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
}
