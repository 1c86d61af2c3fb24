// Adding, changing and testing connections (issue 13), for the Connections screen
// and `weft connections`. Everything kind-specific comes from the kind's definition
// (nodes/connections.ts): its settings and secrets schemas check the input, its
// `generatedSecrets` are made here and shown once, its `test` answers in plain
// words, and a `webConnector` hook makes the Web Connector user name unique across
// workspaces (the /qbwc service finds the company file by it).
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { fileState, type ConnectionVault } from '../../engine';
import { connectionRegistry, type ConnectionRegistry } from '../../nodes/connections';
import type { AnyConnectionDefinition, ConnectionTestResult } from '../../nodes/define-connection';
import type { DesignStore } from '../design/design-store';
import type { VaultSync } from '../design/vault-sync';
import { readConnectionInput, type ConnectionInput } from './connection-input';

/** Refused input, in words for the admin (the router makes it a BAD_REQUEST, the CLI prints it). */
export class ConnectionRefused extends Error {}
export class ConnectionMissing extends Error {}

export interface SavedConnection {
  id: string;
  /** Secrets Weft made (a Web Connector password): shown once, never again. */
  generated: Record<string, string>;
}

export interface ConnectionService {
  create(workspaceId: string, input: ConnectionInput, actor: string): SavedConnection;
  /** Settings replace the stored ones; secrets left out or empty keep the stored ones. */
  update(workspaceId: string, id: string, input: Omit<ConnectionInput, 'kind'>, actor: string): SavedConnection;
  test(workspaceId: string, id: string): Promise<ConnectionTestResult>;
}

export interface ConnectionServiceDeps {
  design: DesignStore;
  vault?: ConnectionVault;
  vaultSync?: VaultSync;
  /** The run store: when a Web Connector last called. */
  pool?: pg.Pool;
  registry?: ConnectionRegistry;
  fetch?: typeof fetch;
  /** Issue 13: a test answers "within seconds". */
  testTimeoutMs?: number;
}

const TEST_TIMEOUT_MS = 10_000;

function newId(name: string): string {
  const slug =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'connection';
  return `${slug}-${randomUUID().slice(0, 6)}`;
}

export function createConnectionService(deps: ConnectionServiceDeps): ConnectionService {
  const registry = deps.registry ?? connectionRegistry;
  const { design } = deps;

  function definition(kind: string): AnyConnectionDefinition {
    const def = registry.get(kind);
    if (!def)
      throw new ConnectionRefused(
        `Weft has no connection kind "${kind}". Choose one of: ${registry
          .list()
          .map((d) => d.kind)
          .join(', ')}.`,
      );
    return def;
  }

  function existing(workspaceId: string, id: string) {
    const c = design.listConnections(workspaceId).find((x) => x.id === id);
    if (!c)
      throw new ConnectionMissing(
        `The connection "${id}" was not found in this workspace. It may have been deleted; reload the list.`,
      );
    return c;
  }

  /** The Web Connector finds a company file by its user name alone, in every workspace: two files may not share one. */
  function refuseTakenWebConnectorUser(
    def: AnyConnectionDefinition,
    id: string,
    settings: Record<string, unknown>,
  ): void {
    const hook = def.hooks?.webConnector;
    if (!hook) return;
    const user = settings[hook.userNameSetting];
    const kinds = registry.withWebConnector().map((d) => d.kind);
    const taken = design
      .connectionsOfKinds(kinds)
      .some((c) => c.id !== id && c.settings[hook.userNameSetting] === user);
    if (taken)
      throw new ConnectionRefused(
        `The Web Connector user name "${String(user)}" is already used by another company file (in this or another workspace). Choose another user name.`,
      );
  }

  function save(
    workspaceId: string,
    id: string,
    def: AnyConnectionDefinition,
    input: Omit<ConnectionInput, 'kind'>,
    stored: Record<string, unknown>,
    actor: string,
    action: string,
  ): SavedConnection {
    const read = readConnectionInput(def, input, stored);
    if ('problem' in read) throw new ConnectionRefused(read.problem);
    const generated: Record<string, string> = {};
    for (const key of def.generatedSecrets ?? []) {
      if (read.secrets[key] === undefined || read.secrets[key] === '')
        read.secrets[key] = generated[key] = randomBytes(18).toString('base64url');
    }
    refuseTakenWebConnectorUser(def, id, read.settings);
    design.upsertConnection({
      id,
      workspaceId,
      kind: def.kind,
      name: read.name,
      settings: read.settings,
      secrets: read.secrets,
    });
    design.audit(workspaceId, actor, action, id, {
      kind: def.kind,
      name: read.name,
      ...(Object.keys(generated).length ? { generated: Object.keys(generated) } : {}),
    });
    return { id, generated };
  }

  async function runTest(workspaceId: string, id: string): Promise<ConnectionTestResult> {
    const c = existing(workspaceId, id);
    const def = definition(c.kind);
    // The vault's copy holds the newest tokens and the lock every worker honours (a test may refresh a token).
    await deps.vaultSync?.idle();
    const connection = deps.vault
      ? await deps.vault.resolve(workspaceId, id)
      : design.resolveConnection(workspaceId, id);
    const ms = deps.testTimeoutMs ?? TEST_TIMEOUT_MS;
    const signal = AbortSignal.timeout(ms);
    const pool = deps.pool;
    const lastWebConnectorCall =
      def.hooks?.webConnector && pool
        ? async () => {
            const at = (await fileState(pool, id))?.last_session_at;
            return at ? new Date(at).toISOString() : null;
          }
        : undefined;
    let timer: NodeJS.Timeout | undefined;
    // The test's own fetches abort on the signal; this also ends a test stuck elsewhere.
    const late = new Promise<ConnectionTestResult>((ok) => {
      timer = setTimeout(
        () =>
          ok({
            ok: false,
            message: `${def.label} did not answer within ${Math.round(ms / 1000)} seconds. Check the address and that the system is up.`,
          }),
        ms + 500,
      );
    });
    try {
      return await Promise.race([
        def.test({ connection, fetch: deps.fetch ?? fetch, signal, lastWebConnectorCall }),
        late,
      ]);
    } catch (e) {
      return { ok: false, message: `The test of "${c.name}" failed: ${(e as Error).message}` };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    create: (ws, input, actor) => {
      const def = definition(input.kind);
      return save(ws, newId(input.name), def, input, {}, actor, 'connection.create');
    },
    update: (ws, id, input, actor) => {
      const c = existing(ws, id);
      const stored = design.resolveConnection(ws, id).settings;
      return save(ws, id, definition(c.kind), input, stored, actor, 'connection.update');
    },
    test: runTest,
  };
}
