// Run the QuickBooks Online simulator on its own:
//   npx tsx sandbox/quickbooks-online/main.ts [port] [dbPath]
import { startQboSandbox } from './index';

const [port = '4020', dbPath] = process.argv.slice(2);
const s = await startQboSandbox({ port: Number(port), dbPath });
console.log(
  JSON.stringify(
    {
      baseUrl: s.baseUrl,
      tokenUrl: s.tokenUrl,
      realmId: s.realmId,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      refreshToken: s.refreshToken,
    },
    null,
    2,
  ),
);
process.on('SIGINT', () => void s.close().then(() => process.exit(0)));
