// The contract of a connection kind (issue 13), beside `defineNode`: one
// `<system>.connection.ts` per external system declares what the server, the
// engine and the designer need to know about its connections — the kind and its
// words, the settings people see and the secrets they never see again (zod: the
// designer draws the form from them, the server and the CLI check with them), how
// to test a connection in plain words, which secrets are live state the connector
// keeps (rotating tokens), and optional host hooks (the Web Connector service, an
// OAuth consent, a revoke on delete). Nothing outside the system's folder switches
// on a kind: it asks the registry (nodes/connections.ts).
import type { z } from 'zod';
import type { ConnectionInfo, FieldHint } from './define-node';

/** What "Test connection" answers: plain words for the admin at the screen (or the CLI's JSON). */
export interface ConnectionTestResult {
  ok: boolean;
  message: string;
}

/** What the host hands a test: the connection (settings + secrets merged), HTTP, a deadline. */
export interface ConnectionTestContext {
  connection: ConnectionInfo;
  fetch: typeof fetch;
  /** Aborts when the test's time is up (about 10 s): the answer must come before. */
  signal: AbortSignal;
  /** For kinds with a `webConnector` hook: when its Web Connector last called Weft (ISO time), null = never. */
  lastWebConnectorCall?: () => Promise<string | null>;
}

/**
 * The Web Connector's SOAP service (server/qbwc) serves connections of this kind: it
 * finds the connection by the Web Connector's user name across all workspaces.
 */
export interface WebConnectorHook {
  /** The setting holding the Web Connector's user name (unique across workspaces). */
  userNameSetting: string;
  /** The secret holding the password the Web Connector types (set in Weft, never in the .qwc). */
  passwordSecret: string;
  /** The setting holding the company file path ("" = the file open in QuickBooks). */
  companyFileSetting: string;
  /** The setting holding how often (minutes) the Web Connector should call. */
  runEveryMinutesSetting?: string;
}

/** Connections of this kind are added through an OAuth consent the host runs (server/qbo-connect), not a form. */
export interface OAuthConsentHook {
  /** The button's words, e.g. "Connect QuickBooks Online". */
  action: string;
}

/** Processes pacing the same account of a system (issue 4): with N sending to one key, each takes 1/N of its limits. */
export interface ThrottlePeers {
  /** This process is sending to the account `key` now. */
  active(key: string): void;
  /** Its part of the account's limits, in (0, 1]. */
  share(key: string): number;
}

/** The kind paces its calls per account and shares those limits among worker processes through the run store. */
export interface SharedThrottleHook {
  /** Called by each worker at start with the run store's peer count, and with null when it stops. */
  shareWith(peers: ThrottlePeers | null): void;
}

export interface RevokeHook {
  /** Resolves when the system confirmed; rejects with a plain-words reason. */
  run(settings: Record<string, unknown>, fetchImpl?: typeof globalThis.fetch): Promise<void>;
  /** The system's name in "… did not confirm the disconnect" ("QuickBooks"). */
  system: string;
  /** Where an admin disconnects by hand when the revoke failed, as the rest of a sentence. */
  byHand: string;
  /**
   * What one revoke ends, as a key (for QuickBooks Online: the app's grant on one company).
   * Two connections with the same key share that grant: deleting one must not disconnect the other.
   */
  grantOf?(settings: Record<string, unknown>): string | null;
}

export interface ConnectionHooks {
  webConnector?: WebConnectorHook;
  oauthConsent?: OAuthConsentHook;
  sharedThrottle?: SharedThrottleHook;
  /** Run before the connection is deleted, with its newest settings and secrets (QuickBooks Online: revoke at Intuit). */
  revoke?: RevokeHook;
}

export interface ConnectionDefinition<S extends z.ZodObject = z.ZodObject, X extends z.ZodObject = z.ZodObject> {
  /** Stable id, stored with each connection and named by nodes' `connectionKind` (e.g. `creatio`). */
  kind: string;
  /** What people call the system ("QuickBooks Online"), also used in record-type words. */
  label: string;
  /** One sentence for the "Add connection" form. */
  description: string;
  /** Settings a person may see again (URLs, user names). */
  settings: S;
  /** Passwords and tokens: sealed at rest, never sent back to a browser or printed. */
  secrets: X;
  /** The check settings + secrets must pass together (e.g. forms login needs a user name); null when fine. */
  check?(all: z.infer<S> & z.infer<X>): string | null;
  /** Other names the CLI accepts for a setting (`--set url=…` for `baseUrl`). */
  aliases?: Record<string, string>;
  /** Secrets the server makes when left empty, shown once to the admin (a Web Connector password). */
  generatedSecrets?: string[];
  /** Secrets that are live state the connector keeps (rotating tokens), not what an admin typed. */
  state?: string[];
  /** Form hints per settings or secrets key (labels, help, `password` widget). */
  fields?: Record<string, FieldHint>;
  /** The entities its sinks write: the record types a Mapping node may produce (`<kind>.<entity>`). */
  entities?: readonly string[];
  /** The fields of one of those entities, when the kind knows them without a connection (the mapping editor's list). */
  fieldList?: import('./core/field-catalogue').FieldList;
  /** The one line of non-secret details shown in the list. */
  summary(settings: Record<string, string>): string;
  /** A plain-words warning from the stored settings and secrets (an authorization ending soon), or null. */
  warning?(all: Record<string, unknown>): string | null;
  test(ctx: ConnectionTestContext): Promise<ConnectionTestResult>;
  hooks?: ConnectionHooks;
}

export type AnyConnectionDefinition = ConnectionDefinition<z.ZodObject, z.ZodObject>;

/** Identity at run time; the generic parameters keep `check` typed where it is written. */
export function defineConnection<S extends z.ZodObject, X extends z.ZodObject>(
  def: ConnectionDefinition<S, X>,
): AnyConnectionDefinition {
  return def as unknown as AnyConnectionDefinition;
}
