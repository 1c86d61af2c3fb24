// Creatio errors, the QuickBooks Desktop application's error series, and the errors of the
// hosted service Weft replaces (InterWeave SmartSolutions troubleshooting, sections 7.1 and 7.2),
// each in Weft's words (issue 16).
import type { CatalogueEntry } from './catalogue-types';

const CREATIO = 'Creatio Academy, "OData 4 protocol: integration with Creatio" (academy.creatio.com …/odata)';
const QB_SUPPORT = 'Intuit QuickBooks Desktop support articles on error codes (quickbooks.intuit.com/learn-support)';
const SEED = 'InterWeave SmartSolutions, Creatio to QuickBooks guide, 7.1 "InterWeave issued errors"';

export const CREATIO_ERRORS: CatalogueEntry[] = [
  {
    id: 'creatio-401',
    system: 'creatio',
    code: '401',
    title: 'Creatio refused the sign-in',
    meaning: "The Creatio connection's user name, password or client secret is wrong, expired or locked.",
    action: 'Fix the Creatio connection (Connections → Test), then run the flow again. No record was skipped.',
    codes: ['creatio.401', 'creatio.auth'],
    guide: 'connection-troubleshooting',
    source: CREATIO,
  },
  {
    id: 'creatio-403',
    system: 'creatio',
    code: '403',
    title: 'No rights on this object',
    meaning: 'The Creatio user Weft signs in as may not read or write this object (or the IP is not allowed).',
    action: "Give the integration user rights on the object in Creatio (or allow Weft's address), then retry.",
    codes: ['creatio.403'],
    guide: 'connection-troubleshooting',
    source: CREATIO,
  },
  {
    id: 'creatio-404',
    system: 'creatio',
    code: '404',
    title: 'Record or object not found',
    meaning: 'The linked Creatio record was deleted, or the object is not published to OData.',
    action: 'Restore the record in Creatio, or remove the link so it is created again; then retry.',
    codes: ['creatio.404', 'creatio.not-found'],
    source: CREATIO,
  },
  {
    id: 'creatio-400',
    system: 'creatio',
    code: '400',
    title: 'Creatio refused a value (OData error)',
    meaning:
      'Creatio answered with an OData error: a value is too long, has the wrong type, or points to a missing record.',
    action: "Read the target's answer; correct the field it names (in the source or here), then retry.",
    codes: ['creatio.400', 'creatio.bad-request', 'creatio.500', 'creatio.server'],
    source: CREATIO,
  },
];

export const QUICKBOOKS_DESKTOP_APP: CatalogueEntry[] = [
  {
    id: 'qb-h-series',
    system: 'quickbooks-desktop',
    code: 'H101 / H202 / H303 / H505',
    title: 'H-series: company file not reachable in multi-user mode',
    meaning: 'QuickBooks cannot open the company file over the network in multi-user mode (server or firewall set-up).',
    action: "Check the QuickBooks Database Server Manager and the firewall on the file's server, then start the flows.",
    pattern: /\bH[1-5]0[1-5]\b/,
    guide: 'connection-troubleshooting',
    source: QB_SUPPORT,
  },
  {
    id: 'qb-6000-series',
    system: 'quickbooks-desktop',
    code: '-6000 series (-6190, -6189, -6177, -6123, -6000 -301)',
    title: '6000-series: the company file cannot be opened',
    meaning: 'QuickBooks cannot open or access the company file (the file itself, network storage, or another mode).',
    action: "Stop the file's flows, have the QuickBooks admin repair access to the file, then start them again.",
    pattern: /-6\d{3}\b/,
    guide: 'single-user-mode',
    source: QB_SUPPORT,
  },
  {
    id: 'qb-1000-series',
    system: 'quickbooks-desktop',
    code: '1303 / 1311 / 1321 / 1327 / 1328 / 1334 / 1335',
    title: '1000-series: QuickBooks installation or update problem',
    meaning: 'QuickBooks on the server is not installed or updated correctly, or lacks privileges.',
    action: "Have the server's admin repair or update QuickBooks; Weft waits and continues afterwards.",
    pattern: /\b13(03|11|21|27|28|34|35)\b.*QuickBooks|QuickBooks.*\b13(03|11|21|27|28|34|35)\b/,
    source: QB_SUPPORT,
  },
  {
    id: 'qb-over-10000',
    system: 'quickbooks-desktop',
    code: '15240, 15270, 15103–15107, 12002–12031, 16026, 99937, 80070057',
    title: 'Errors over 10,000: updates, connection, permissions',
    meaning: 'QuickBooks could not update, lost its connection, or lacks a permission or a parameter.',
    action: "Have the server's admin run QuickBooks' update and check its internet access; then run the flow again.",
    pattern: /\b(1524\d|1527\d|1510[3-7]|1200[2-9]|1202\d|1203[01]|16026|99937|80070057)\b/,
    source: QB_SUPPORT,
  },
  {
    id: 'qb-data-integrity',
    system: 'quickbooks-desktop',
    code: 'C=342 (data integrity)',
    title: 'Data damaged in the company file',
    meaning: 'QuickBooks found damaged data when opening the company file.',
    action: "Stop the file's flows, run File → Utilities → Verify/Rebuild Data in QuickBooks, then start them again.",
    pattern: /\bC\s*=\s*\d{3}\b/,
    guide: 'single-user-mode',
    source: QB_SUPPORT,
  },
];

export const INTERWEAVE: CatalogueEntry[] = [
  {
    id: 'iw-xmlsq-params',
    system: 'interweave',
    code: 'ERROR XmlsqParams.statement',
    title: 'Special character in a record (old service)',
    meaning:
      'The old service failed on characters such as & < > # %. Weft sends them intact; a character QuickBooks itself refuses fails alone with the field named.',
    action: 'In Weft: correct the field named in the failed record (or edit it here) and retry.',
    codes: ['weft.qbd.xml-character', 'weft.record.unstorable-character'],
    pattern: /XmlsqParams|error in your SQL syntax/i,
    source: SEED,
  },
  {
    id: 'iw-connection-failed',
    system: 'interweave',
    code: 'ProcessDataMap / XmlSql.go Connection Failed, Transaction Connection reset',
    title: 'Connection to QuickBooks lost (old service)',
    meaning:
      'The connection dropped while writing. In Weft a connection failure pauses the run; no record is skipped or failed for it.',
    action: 'Check the connection (Connections → Test). For hosted QuickBooks, ask the host to restart it.',
    pattern: /Connection Failed|Connection reset|timed out/i,
    guide: 'connection-troubleshooting',
    source: SEED,
  },
  {
    id: 'iw-no-protocol',
    system: 'interweave',
    code: 'ERROR – execute Transaction no protocol',
    title: 'Could not reach the CRM (old service)',
    meaning: 'The flow could not connect to the CRM.',
    action: "Check the Creatio connection's address (https://…) and test it.",
    pattern: /no protocol/i,
    guide: 'connection-troubleshooting',
    source: SEED,
  },
  {
    id: 'iw-volume',
    system: 'interweave',
    code: 'Scheduled … transaction flow was not executed',
    title: 'Too many records for a scheduled run (old service)',
    meaning:
      'The old service skipped an interval for large volumes. Weft streams any volume; a catch-up is a bulk load.',
    action: 'For a large backlog, use the catch-up bulk load (utility run by date range) instead.',
    pattern: /transaction flow was not executed/i,
    guide: 'catching-up',
    source: SEED,
  },
  {
    id: 'iw-dtm-ids',
    system: 'interweave',
    code: 'No more DTM IDs are available',
    title: 'XSLT processor limit (old service)',
    meaning: "A limit of the old service's XSLT processor with invoices holding many lines. Weft has no such limit.",
    action: 'Nothing to do in Weft.',
    pattern: /DTM IDs/i,
    source: SEED,
  },
];
