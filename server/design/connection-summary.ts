// A connection as lists show it. Its own file so the design store and the service
// interfaces (services.ts) both use it without importing each other.
export interface ConnectionSummary {
  id: string;
  kind: string;
  name: string;
  /** Non-secret settings only (base URL, realm id, user name). Secrets never leave the server. */
  details: Record<string, string>;
  /** Names of the secrets that are set (never their values): the screen says what is missing. */
  secretsSet: string[];
  /** A plain-words warning (e.g. the QuickBooks authorization ends soon: reconnect), or null. */
  warning: string | null;
}
