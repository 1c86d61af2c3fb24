// `npm start` wires the sandboxes as the workspace's default connections, so a
// newcomer sees real flows run at once (docs/architecture.md "External systems"). The
// sandboxes run in-process on their own loopback ports and keep their state in
// the data folder, so a restart keeps what earlier runs wrote.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCreatioSandbox, type CreatioSandbox } from '../sandbox/creatio';
import { startQboSandbox, type QboSandbox } from '../sandbox/quickbooks-online';
import { startQbdSandbox, type QbdSandbox } from '../sandbox/quickbooks-desktop';
import { randomBytes } from 'node:crypto';
import type { DesignStore } from '../server/design/design-store';

export interface Sandboxes {
  creatio: CreatioSandbox;
  qbo: QboSandbox;
  /** QuickBooks Desktop company file + Web Connector simulator (issue 5); boot points it at Weft's /qbwc. */
  qbd: QbdSandbox;
  /** True when a sandbox started empty and was seeded: bindings to its old records are void. */
  fresh: { creatio: boolean; qbo: boolean; qbd: boolean };
  close(): Promise<void>;
}

export const CREATIO_SANDBOX_CONNECTION = 'creatio-sandbox';
export const QBO_SANDBOX_CONNECTION = 'qbo-sandbox';
export const QBD_SANDBOX_CONNECTION = 'qbd-sandbox';
/** The Web Connector user of the demo's company file. */
export const QBD_SANDBOX_USER = 'weft-qbd-sandbox';

export async function startSandboxes(
  dir: string,
  design: DesignStore,
  workspaceId: string,
  opts: { accounts?: number } = {},
): Promise<Sandboxes> {
  mkdirSync(dir, { recursive: true, mode: 0o700 }); // inside the private data folder (issue 18)
  const qboFile = join(dir, 'quickbooks-online.sqlite');
  const qboIsNew = !existsSync(qboFile);
  const creatioFile = join(dir, 'creatio.sqlite');
  const creatioIsNew = !existsSync(creatioFile);
  const creatio = await startCreatioSandbox({ dbPath: creatioFile, seed: { accounts: opts.accounts ?? 300 } });
  const qbo = await startQboSandbox({ dbPath: qboFile, seed: { accounts: opts.accounts ?? 300 } });

  design.upsertConnection({
    id: CREATIO_SANDBOX_CONNECTION,
    workspaceId,
    kind: 'creatio',
    name: 'Creatio sandbox (demo company)',
    settings: { baseUrl: creatio.baseUrl, username: creatio.username, authKind: 'forms' },
    secrets: { password: creatio.password },
  });
  const existing = design.listConnections(workspaceId).some((c) => c.id === QBO_SANDBOX_CONNECTION);
  // QuickBooks rotates refresh tokens: keep the latest one Weft saved, unless the sandbox is new.
  const keepTokens = existing && !qboIsNew;
  const secrets = keepTokens ? design.resolveConnection(workspaceId, QBO_SANDBOX_CONNECTION).settings : {};
  design.upsertConnection({
    id: QBO_SANDBOX_CONNECTION,
    workspaceId,
    kind: 'quickbooks-online',
    name: 'QuickBooks Online sandbox (demo company)',
    settings: { baseUrl: qbo.baseUrl, tokenUrl: qbo.tokenUrl, realmId: qbo.realmId, clientId: qbo.clientId },
    secrets: keepTokens
      ? {
          clientSecret: qbo.clientSecret,
          refreshToken: secrets.refreshToken,
          accessToken: secrets.accessToken,
          accessTokenExpiresAt: secrets.accessTokenExpiresAt,
          refreshTokenExpiresAt: secrets.refreshTokenExpiresAt,
        }
      : { clientSecret: qbo.clientSecret, refreshToken: qbo.refreshToken },
  });
  // The Web Connector's password is set in Weft, never in the .qwc: keep the one already saved.
  const qbd = startQbdSandbox({
    dbPath: join(dir, 'quickbooks-desktop.sqlite'),
    seed: { accounts: opts.accounts ?? 300 },
  });
  const qbdExisting = design.listConnections(workspaceId).some((c) => c.id === QBD_SANDBOX_CONNECTION);
  const qbdPassword = qbdExisting
    ? String(design.resolveConnection(workspaceId, QBD_SANDBOX_CONNECTION).settings.password ?? '')
    : '';
  design.upsertConnection({
    id: QBD_SANDBOX_CONNECTION,
    workspaceId,
    kind: 'quickbooks-desktop',
    name: 'QuickBooks Desktop sandbox (demo company file)',
    settings: { userName: QBD_SANDBOX_USER, companyFile: '', runEveryMinutes: '1' },
    secrets: { password: qbdPassword || randomBytes(18).toString('base64url') },
  });
  return {
    creatio,
    qbo,
    qbd,
    fresh: { creatio: creatioIsNew, qbo: qboIsNew, qbd: qbd.fresh },
    close: async () => {
      await creatio.close();
      await qbo.close();
      await qbd.close();
    },
  };
}
