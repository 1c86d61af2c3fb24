// The server's side of the connection vault (issues 6 and 4;
// engine/postgres/connection-vault.ts): every connection the design store
// creates, changes or deletes is copied into the run store, and all of them at
// boot (installs from before the vault work at once). The other way, token state
// a worker saved (a QuickBooks refresh, maybe on another machine) is copied back
// into the design store, whose copy the Connections screen's "reconnect before"
// warning reads: at boot and on each NOTIFY from a worker.
import pg from 'pg';
import { CONNECTION_TOKENS_CHANNEL, TOKEN_FIELDS, type ConnectionVault, type TokenState } from '../../engine';
import type { Logger } from '../../nodes/define-node';
import type { DesignStore } from './design-store';

export class VaultSync {
  /** Copies run one after another, in the order the design store changed. */
  private chain: Promise<void> = Promise.resolve();
  private listener: pg.Client | null = null;
  private unsubscribe: () => void = () => undefined;
  /**
   * The token-state version the design store already has, per connection. A
   * notification about a version it has (its own change coming back, late) is
   * skipped: copying then could undo a change made to the design store since.
   */
  private readonly seen = new Map<string, number>();

  private constructor(
    private readonly design: DesignStore,
    private readonly vault: ConnectionVault,
    private readonly log: Logger,
  ) {}

  static async start(design: DesignStore, vault: ConnectionVault, url: string, log: Logger): Promise<VaultSync> {
    const sync = new VaultSync(design, vault, log);
    sync.unsubscribe = design.onConnectionChange((c) => {
      const name = c.kind === 'put' ? c.connection.id : c.id;
      if (c.kind === 'delete')
        return sync.enqueue(() => vault.remove(c.workspaceId, c.id), `removing the connection "${name}"`);
      const { workspaceId, id } = c.connection;
      const key = `${workspaceId}\u0000${id}`;
      sync.pending.set(key, (sync.pending.get(key) ?? 0) + 1);
      sync.enqueue(async () => {
        try {
          await sync.reconcile(workspaceId, id, await vault.put(c.connection));
        } finally {
          sync.pending.set(key, sync.pending.get(key)! - 1);
        }
      }, `copying the connection "${name}" for the workers`);
    });
    const mine = design.allConnections();
    const kept = new Set(mine.map((c) => `${c.workspaceId}\u0000${c.id}`));
    for (const c of mine) await sync.reconcile(c.workspaceId, c.id, await vault.put(c));
    // Deleted while this server was stopped (or by an older Weft without a vault hook): workers must not use them.
    for (const v of await vault.ids())
      if (!kept.has(`${v.workspaceId}\u0000${v.id}`)) await vault.remove(v.workspaceId, v.id);
    const client = new pg.Client({ connectionString: url });
    client.on('error', (e) => log.warn(`connection vault notifications: ${e.message}`));
    client.on('notification', (n) => {
      try {
        const { workspaceId, id, version } = JSON.parse(n.payload ?? '{}') as {
          workspaceId?: string;
          id?: string;
          version?: number;
        };
        if (!workspaceId || !id) return;
        const key = `${workspaceId}\u0000${id}`;
        sync.enqueue(async () => {
          // A change of the design store's own is on its way to the vault: that copy reconciles.
          if ((sync.pending.get(key) ?? 0) > 0 || (sync.seen.get(key) ?? 0) >= Number(version)) return;
          for (const t of await vault.tokenStates({ workspaceId, id })) sync.copyBack(t);
        }, `reading the new sign-in of "${id}"`);
      } catch {
        /* not ours */
      }
    });
    await client.connect();
    await client.query(`LISTEN ${CONNECTION_TOKENS_CHANNEL}`);
    sync.listener = client;
    return sync;
  }

  /** Resolves once every change made so far is in the vault (before a run is queued or resolved). */
  idle(): Promise<void> {
    return this.chain;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.chain;
    await this.listener?.end().catch(() => undefined);
  }

  private enqueue(step: () => Promise<void>, what: string): void {
    this.chain = this.chain.then(step).catch((e) => {
      this.log.warn(
        `The connection vault in PostgreSQL could not be updated while ${what}: ${(e as Error).message}. ` +
          `Workers may use an older copy until Weft restarts; save the connection again.`,
      );
    });
  }

  /** Copies queued and not yet done, per connection. */
  private readonly pending = new Map<string, number>();

  /** After a copy to the vault: if the vault kept newer tokens than the design store sent, copy them back. */
  private async reconcile(workspaceId: string, id: string, put: { version: number; replaced: boolean }): Promise<void> {
    if (put.replaced) return this.saw(workspaceId, id, put.version);
    if ((this.seen.get(`${workspaceId}\u0000${id}`) ?? -1) >= put.version) return;
    for (const t of await this.vault.tokenStates({ workspaceId, id })) this.copyBack(t);
  }

  private saw(workspaceId: string, id: string, version: number): void {
    const key = `${workspaceId}\u0000${id}`;
    this.seen.set(key, Math.max(this.seen.get(key) ?? 0, version));
  }

  private copyBack(t: TokenState): void {
    const picked = Object.fromEntries(
      TOKEN_FIELDS.filter((k) => t.tokens[k] !== undefined).map((k) => [k, t.tokens[k]]),
    );
    this.design.copyTokens(t.workspaceId, t.id, picked);
    this.saw(t.workspaceId, t.id, t.version);
  }
}
