// `weft sandbox qbd --weft-url URL`: a QuickBooks Desktop company file and its Web
// Connector simulator, alone, polling a running Weft's /qbwc as a customer's Web
// Connector would (issue 5). Credentials: --user/--password (or WEFT_QBD_USER /
// WEFT_QBD_PASSWORD); without them, those of the `qbd-sandbox` connection of the
// Weft data folder (WEFT_DATA_DIR), which `npm start` creates.
import { join } from 'node:path';
import { startQbdSandbox } from '../sandbox/quickbooks-desktop';
import { DEFAULT_WORKSPACE } from '../server/app';
import { dataDirFromEnv, ROOT } from '../server/boot';
import { DesignStore } from '../server/design/design-store';
import { SecretBox } from '../server/design/secrets';
import { QBD_SANDBOX_CONNECTION } from './sandbox-connections';

export async function runQbdSandbox(args: string[], accounts?: number): Promise<void> {
  const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const given = arg('--weft-url');
  if (!given) throw new Error('say which Weft to poll: --weft-url http://localhost:3000');
  const weftUrl = given.replace(/\/+$/, '').replace(/\/qbwc$/, '');
  let userName = arg('--user') ?? process.env.WEFT_QBD_USER;
  let password = arg('--password') ?? process.env.WEFT_QBD_PASSWORD;
  if (!userName || !password) {
    const dataDir = dataDirFromEnv();
    const design = DesignStore.open(
      join(dataDir, 'weft.sqlite'),
      SecretBox.open(dataDir),
      join(ROOT, 'migrations/design'),
    );
    try {
      const c = design.resolveConnection(DEFAULT_WORKSPACE, QBD_SANDBOX_CONNECTION);
      userName ??= String(c.settings.userName);
      password ??= String(c.settings.password);
    } finally {
      design.close();
    }
  }
  const everySeconds = Number(arg('--every') ?? 5);
  const file = arg('--file') ?? ':memory:';
  const s = startQbdSandbox({
    dbPath: file,
    seed: accounts ? { accounts } : {},
    url: `${weftUrl}/qbwc`,
    userName,
    password,
  });
  // One line per update that did something, as the Web Connector's log would show it.
  s.start(
    everySeconds * 1000,
    (e) => console.error(`Web Connector update failed: ${(e as Error).message}`),
    (r) => {
      if (r.end !== 'none') console.log(JSON.stringify(r));
    },
  );
  console.log(JSON.stringify({ weftUrl, appUrl: `${weftUrl}/qbwc`, userName, companyFile: file, everySeconds }));
}
