// Deleting a connection (issue 4: "disconnect"). A kind with a `revoke` hook
// (QuickBooks Online: at Intuit, with its newest refresh token) is revoked first,
// with settings read under the vault's lock, so no worker rotates a token meanwhile;
// revoking ends the grant, access tokens included. A revoke that fails does not keep the connection: Weft stops using it
// either way, and the admin is told in plain words what to do at QuickBooks.
import { connectionRegistry } from '../../nodes/connections';
import type { ConnectionVault } from '../../engine';
import type { DesignStore } from './design-store';
import type { VaultSync } from './vault-sync';

export interface DeleteOutcome {
  /** True: QuickBooks confirmed the disconnect; false: it did not (see `warning`); null: nothing to revoke. */
  revoked: boolean | null;
  /** For the admin, in plain words, or null. */
  warning: string | null;
}

export class ConnectionNotFound extends Error {}
/** Flows still name the connection: deleting it would fail their next run, so it is refused with their names. */
export class ConnectionInUse extends Error {}

export async function deleteConnection(
  deps: {
    design: DesignStore;
    vault?: ConnectionVault;
    vaultSync?: VaultSync;
    fetch?: typeof fetch;
    usedBy?: (connectionId: string) => string[];
  },
  workspaceId: string,
  id: string,
  actor: string,
): Promise<DeleteOutcome> {
  const { design, vault, vaultSync } = deps;
  const c = design.listConnections(workspaceId).find((x) => x.id === id);
  if (!c)
    throw new ConnectionNotFound(
      `The connection "${id}" was not found in this workspace. It may have been deleted already; reload the list.`,
    );
  const users = deps.usedBy?.(id) ?? [];
  if (users.length) {
    const names =
      users
        .slice(0, 5)
        .map((n) => `"${n}"`)
        .join(', ') + (users.length > 5 ? ` and ${users.length - 5} more` : '');
    throw new ConnectionInUse(
      `"${c.name}" is used by ${users.length === 1 ? 'the flow' : `${users.length} flows`} ${names}. ` +
        `Point ${users.length === 1 ? 'it' : 'them'} at another connection (or delete ${users.length === 1 ? 'it' : 'them'}), ` +
        `then delete the connection.`,
    );
  }
  let outcome: DeleteOutcome = { revoked: null, warning: null };
  const hook = connectionRegistry.get(c.kind)?.hooks?.revoke;
  const sharer = hook ? sharingGrant(design, c.kind, workspaceId, id, hook) : null;
  if (hook && sharer) {
    // A revoke would disconnect the other connection too (same app, same company): Weft stops using this one only.
    outcome = {
      revoked: false,
      warning:
        `"${c.name}" was deleted; it was not disconnected at ${hook.system}, because the connection ` +
        `"${sharer}" uses the same company through the same app and would stop working too.`,
    };
  } else if (hook) {
    await vaultSync?.idle();
    const revoke = (s: Record<string, unknown>) => hook.run(s, deps.fetch);
    try {
      const inVault = vault
        ? await vault
            .withLock(workspaceId, id, async (s) => ({ patch: null, result: await revoke(s).then(() => true) }))
            .catch((e: Error) => (/deleted while in use/.test(e.message) ? false : Promise.reject(e)))
        : false;
      // Not in the vault (its copy failed): the design store's tokens are the newest there are.
      if (!inVault) await revoke(design.resolveConnection(workspaceId, id).settings);
      outcome = { revoked: true, warning: null };
    } catch (e) {
      outcome = {
        revoked: false,
        warning:
          `"${c.name}" was deleted and Weft will not use it again, but ${hook.system} did not confirm ` +
          `the disconnect (${(e as Error).message}). To be sure Weft's app no longer has access, ${hook.byHand}.`,
      };
    }
  }
  design.deleteConnection(workspaceId, id);
  await vaultSync?.idle();
  design.audit(workspaceId, actor, 'connection.delete', id, {
    kind: c.kind,
    name: c.name,
    revoked: outcome.revoked,
    ...(outcome.warning ? { warning: outcome.warning } : {}),
  });
  return outcome;
}

/** The name of another connection (any workspace) that a revoke of this one would end too, or null. */
function sharingGrant(
  design: DesignStore,
  kind: string,
  workspaceId: string,
  id: string,
  hook: NonNullable<NonNullable<ReturnType<typeof connectionRegistry.get>>['hooks']>['revoke'] & object,
): string | null {
  if (!hook.grantOf) return null;
  const mine = hook.grantOf(design.resolveConnection(workspaceId, id).settings);
  if (!mine) return null;
  const other = design
    .connectionsOfKinds([kind])
    .find((o) => !(o.id === id && o.workspaceId === workspaceId) && hook.grantOf!(o.settings) === mine);
  return other?.name ?? null;
}
