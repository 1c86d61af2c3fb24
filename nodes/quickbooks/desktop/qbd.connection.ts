// The QuickBooks Desktop connection kind (issue 13): one company file, reached
// through the customer's QuickBooks Web Connector, which calls Weft's SOAP service
// (`/qbwc`, server/qbwc) outbound on its schedule — Weft never calls it (reference
// C1). The service finds the company file by the Web Connector's user name across
// every workspace; its password is made by Weft when left empty and shown once.
import { defineConnection, type ConnectionTestContext, type ConnectionTestResult } from '../../define-connection';
import { qbdConnectionSettings, qbdSecrets } from './qbd-connection';
import { WRITABLE_ENTITIES } from './qbd-catalogue';
import { qbdFieldCatalogue } from './qbd-fields';

/** Calls further apart than this (with the schedule asked in the .qwc) mean the Web Connector stopped calling. */
const STALE_FACTOR = 3;

async function testQbd(ctx: ConnectionTestContext): Promise<ConnectionTestResult> {
  const parsed = qbdConnectionSettings.safeParse(ctx.connection.settings);
  if (!parsed.success)
    return {
      ok: false,
      message: `The connection is incomplete: ${parsed.error.issues.map((i) => i.message).join('; ')}.`,
    };
  const s = parsed.data;
  if (!ctx.connection.settings.password)
    return {
      ok: false,
      message: `No Web Connector password is set for ${s.userName}. Set one, then add the .qwc file to the Web Connector.`,
    };
  const last = (await ctx.lastWebConnectorCall?.()) ?? null;
  if (!last) {
    return {
      ok: false,
      message:
        `The Web Connector has not called yet as ${s.userName}. Download the .qwc file, add it to ` +
        `the Web Connector on the QuickBooks computer, type the password, and tick Auto-Run.`,
    };
  }
  const every = s.runEveryMinutes ?? 1;
  const ageMinutes = (Date.now() - Date.parse(last)) / 60_000;
  if (ageMinutes > Math.max(5, every * STALE_FACTOR)) {
    return {
      ok: false,
      message:
        `The Web Connector last called at ${last} as ${s.userName}, longer ago than its schedule ` +
        `(every ${every} min). Check that the QuickBooks computer is on and the Web Connector runs.`,
    };
  }
  return { ok: true, message: `The Web Connector called as ${s.userName}; last call at ${last}.` };
}

export const qbdConnection = defineConnection({
  kind: 'quickbooks-desktop',
  label: 'QuickBooks Desktop',
  entities: WRITABLE_ENTITIES,
  fieldList: qbdFieldCatalogue,
  description:
    'A QuickBooks Desktop company file, reached through the QuickBooks Web Connector on its computer (no port opened there).',
  settings: qbdConnectionSettings,
  secrets: qbdSecrets,
  generatedSecrets: ['password'],
  fields: {
    userName: {
      label: 'Web Connector user name',
      help: 'Typed nowhere by people: it goes into the .qwc file. Unique across all workspaces.',
    },
    companyFile: { label: 'Company file path', help: 'Empty: the company file open in QuickBooks.' },
    timeoutMinutes: { label: 'Wait for the Web Connector (minutes)' },
    runEveryMinutes: { label: 'Web Connector calls every (minutes)' },
    password: { label: 'Web Connector password', widget: 'password', help: 'Empty: Weft makes one and shows it once.' },
  },
  summary: (s) => `Web Connector user: ${s.userName ?? '—'}`,
  test: testQbd,
  hooks: {
    webConnector: {
      userNameSetting: 'userName',
      passwordSecret: 'password',
      companyFileSetting: 'companyFile',
      runEveryMinutesSetting: 'runEveryMinutes',
    },
  },
});
