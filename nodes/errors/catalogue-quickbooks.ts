// QuickBooks Online Fault codes, qbXML status codes and Web Connector HRESULTs (issue 16).
// Sources: Intuit, "Error codes" (developer.intuit.com/app/developer/qbo/docs/develop/troubleshooting/error-codes);
// Intuit OSR, "Status codes in response messages" (developer.intuit.com/app/developer/qbdesktop/docs/develop/
// exploring-the-quickbooks-desktop-sdk/status-codes-in-response-messages); the QBXMLRP2 HRESULT list of the
// QuickBooks Desktop SDK (QBSDK Programmer's Guide, "Error codes returned by the request processor").
import type { CatalogueEntry } from './catalogue-types';

const QBO = 'Intuit, QuickBooks Online API "Error codes" (developer.intuit.com …/troubleshooting/error-codes)';
const OSR = 'Intuit QuickBooks Desktop SDK, "Status codes in response messages" (OSR)';
const RP2 = "QuickBooks Desktop SDK Programmer's Guide, request processor (QBXMLRP2) HRESULTs";

export const QUICKBOOKS_ONLINE: CatalogueEntry[] = [
  {
    id: 'qbo-6240',
    system: 'quickbooks-online',
    code: '6240',
    title: 'Duplicate name',
    meaning:
      'QuickBooks Online keeps one name for customers, vendors and employees together. Another one already uses this name, so the record was not saved.',
    action:
      'If both are the same customer, bind them (the binding node matching on the name ' +
      "does it on the next run). Otherwise edit the record's name here and retry, or " +
      'rename it in the source.',
    codes: ['qbo.6240'],
    pattern: /Duplicate Name Exists|already using this name/i,
    guide: 'daily-flow-management',
    source: QBO,
  },
  {
    id: 'qbo-6000',
    system: 'quickbooks-online',
    code: '6000',
    title: 'Business validation error',
    meaning: 'QuickBooks Online refused the record for a business rule; its detail text says which.',
    action: "Read the target's answer below; correct the field it names in the source (or edit it here) and retry.",
    codes: ['qbo.6000'],
    source: QBO,
  },
  {
    id: 'qbo-610',
    system: 'quickbooks-online',
    code: '610',
    title: 'Object not found',
    meaning:
      'The record points to something QuickBooks Online does not have, or has made inactive (a customer, an item, a term).',
    action: 'Make the referenced entry active (or create it) in QuickBooks Online, then retry.',
    codes: ['qbo.610', 'weft.qbo.target-missing'],
    source: QBO,
  },
  {
    id: 'qbo-5010',
    system: 'quickbooks-online',
    code: '5010',
    title: 'Stale object (someone else changed it)',
    meaning: 'The record was changed in QuickBooks Online after Weft read it (its SyncToken moved on).',
    action:
      'Retry: Weft reads the current version first. If it keeps happening, someone edits the record at the same time.',
    codes: ['qbo.5010'],
    source: QBO,
  },
  {
    id: 'qbo-2020',
    system: 'quickbooks-online',
    code: '2020',
    title: 'Required value missing',
    meaning: 'A field QuickBooks Online requires was empty; the answer names the field.',
    action: "Fill the field in the source, or map a value to it in the flow's mapping, then retry.",
    codes: ['qbo.2020', 'qbo.2010'],
    source: QBO,
  },
  {
    id: 'qbo-2050',
    system: 'quickbooks-online',
    code: '2040 / 2050',
    title: 'Invalid text or text too long',
    meaning:
      'A text has a character QuickBooks Online refuses (a colon, a tab, a line break in a name) or is too long.',
    action:
      'Shorten or correct the field named in the source (or edit it here) and retry. Weft never truncates it silently.',
    codes: ['qbo.2040', 'qbo.2050', 'weft.qbo.custom-field-too-long'],
    source: QBO,
  },
  {
    id: 'qbo-3100',
    system: 'quickbooks-online',
    code: '3100 / 100',
    title: 'Not authorised for this company',
    meaning: "The app's connection is not (or no longer) allowed into this QuickBooks Online company.",
    action: 'Reconnect the QuickBooks Online connection (Connections → Reconnect), then run the flow again.',
    codes: ['qbo.3100', 'qbo.100', 'qbo.120', 'qbo.invalid_grant'],
    guide: 'connection-troubleshooting',
    source: QBO,
  },
  {
    id: 'qbo-3200',
    system: 'quickbooks-online',
    code: '3200',
    title: 'Authentication failed (token)',
    meaning:
      'The access token was refused. Weft refreshes it by itself; this stays only when the refresh token was revoked.',
    action: 'Reconnect the QuickBooks Online connection, then run the flow again.',
    codes: ['qbo.3200'],
    guide: 'connection-troubleshooting',
    source: QBO,
  },
  {
    id: 'qbo-429',
    system: 'quickbooks-online',
    code: '429 / 3001',
    title: 'Too many requests (throttled)',
    meaning: 'QuickBooks Online limits requests per company. Weft waits and continues by itself; nothing is lost.',
    action: 'Nothing to fix. If many flows write to one company, spread their schedules.',
    codes: ['qbo.429', 'qbo.3001'],
    source: 'Intuit, "API call limits and throttles" (developer.intuit.com …/learn/limits-and-throttles)',
  },
  {
    id: 'qbo-6140',
    system: 'quickbooks-online',
    code: '6140 / 6210',
    title: 'Duplicate document number',
    meaning: 'Another transaction already has this document number.',
    action: 'Give the source record another number (or turn off custom transaction numbers), then retry.',
    codes: ['qbo.6140', 'qbo.6210'],
    source: QBO,
  },
  {
    id: 'qbo-6190',
    system: 'quickbooks-online',
    code: '6190',
    title: 'Company subscription not active',
    meaning:
      'QuickBooks Online refuses every write to this company: its subscription has ' +
      'ended or is suspended (Invalid Company Status). The records are not at fault.',
    action:
      "Have the company's owner renew the QuickBooks Online subscription, then retry all records failed with 6190 (filter by this code, Retry all).",
    codes: ['qbo.6190'],
    pattern: /Invalid Company Status/i,
    guide: 'connection-troubleshooting',
    source: QBO,
  },
];

export const QBXML_STATUS: CatalogueEntry[] = [
  {
    id: 'qbxml-3100',
    system: 'qbxml',
    code: '3100',
    title: 'Name already in use',
    meaning:
      'QuickBooks Desktop already has a list entry with this name (names are unique across customers, vendors and others).',
    action: 'Bind the record to the existing entry (match on the name) or rename one of them, then retry.',
    codes: ['qbd.3100'],
    guide: 'daily-flow-management',
    source: OSR,
  },
  {
    id: 'qbxml-3200',
    system: 'qbxml',
    code: '3200',
    title: 'Edit sequence out of date',
    meaning: 'Someone changed the record in QuickBooks Desktop after Weft read it.',
    action: 'Retry: Weft reads the current edit sequence first.',
    codes: ['qbd.3200'],
    source: OSR,
  },
  {
    id: 'qbxml-3140',
    system: 'qbxml',
    code: '3140',
    title: 'Invalid reference',
    meaning: 'The record refers to something QuickBooks Desktop does not have (an item, a customer, a term).',
    action: 'Create the referenced entry in QuickBooks, or fix the mapping that names it, then retry.',
    codes: ['qbd.3140', 'qbd.3120', 'weft.qbd.target-missing'],
    source: OSR,
  },
  {
    id: 'qbxml-3180',
    system: 'qbxml',
    code: '3180',
    title: 'QuickBooks could not save',
    meaning: 'QuickBooks Desktop refused to save; the reason follows "QuickBooks error message:" in the answer.',
    action: 'Correct what the reason names, then retry.',
    codes: ['qbd.3180', 'qbd.3210'],
    source: OSR,
  },
  {
    id: 'qbxml-3070',
    system: 'qbxml',
    code: '3000–3099',
    title: 'Format error (value too long, bad date, bad id)',
    meaning:
      'A value has the wrong form for QuickBooks Desktop: text too long for the field, a date or an id it cannot read.',
    action: 'Correct the field named in the source (or edit it here) and retry.',
    codes: ['qbd.3000', 'qbd.3020', 'qbd.3070', 'weft.qbd.xml-character'],
    source: OSR,
  },
  {
    id: 'qbxml-500',
    system: 'qbxml',
    code: '500',
    title: 'Objects not found (warning)',
    meaning: 'Part of what was asked for is not in QuickBooks Desktop; the rest was returned.',
    action: 'Check that the referenced entries exist in the company file.',
    codes: ['qbd.500'],
    source: OSR,
  },
  {
    id: 'qbxml-3175',
    system: 'qbxml',
    code: '3170–3176',
    title: 'Record or list in use',
    meaning: 'Someone in QuickBooks Desktop is editing the record, or the list is locked. Weft retried.',
    action: 'Retry once they are done.',
    codes: ['qbd.3170', 'qbd.3175', 'qbd.3176'],
    source: OSR,
  },
  {
    id: 'qbxml-3250',
    system: 'qbxml',
    code: '3250 / 3260',
    title: 'Feature off or no permission',
    meaning: "The feature is turned off in QuickBooks Desktop, or the Web Connector's user may not do this.",
    action: 'Turn the feature on (Edit → Preferences) or give the integration user the permission, then retry.',
    codes: ['qbd.3250', 'qbd.3260'],
    source: OSR,
  },
];

export const WEB_CONNECTOR: CatalogueEntry[] = [
  {
    id: 'hresult-0x80040400',
    system: 'web-connector',
    code: '0x80040400',
    title: 'QuickBooks could not read the request',
    meaning: 'QuickBooks found an error parsing the qbXML Weft sent (an element this QuickBooks version lacks).',
    action: "Tell Weft support with the record key: this is Weft's error, not the record's.",
    codes: ['qbd.0x80040400'],
    source: RP2,
  },
  {
    id: 'hresult-0x80040414',
    system: 'web-connector',
    code: '0x80040414',
    title: 'A dialog is open in QuickBooks',
    meaning: 'A modal dialog is open in QuickBooks Desktop on the server; it answers nothing until someone closes it.',
    action:
      "Close the dialog on the QuickBooks server. Weft paused the company file's flows and resumes them by itself.",
    codes: ['qbd.0x80040414'],
    guide: 'single-user-mode',
    source: RP2,
  },
  {
    id: 'hresult-0x80040408',
    system: 'web-connector',
    code: '0x80040408',
    title: 'Could not start QuickBooks',
    meaning: 'The Web Connector could not start QuickBooks Desktop on the server.',
    action: 'Sign in to the server and open QuickBooks once by hand; check the Web Connector runs as a user who may.',
    codes: ['qbd.0x80040408'],
    guide: 'connection-troubleshooting',
    source: RP2,
  },
  {
    id: 'hresult-0x80040410',
    system: 'web-connector',
    code: '0x80040410 / 0x8004040A',
    title: 'Company file open in another mode, or another file open',
    meaning: 'QuickBooks has the company file open in single-user mode, or a different file open.',
    action: "Follow the single-user mode guide: stop the file's flows, finish, return to multi-user mode, start them.",
    codes: ['qbd.0x80040410', 'qbd.0x8004040A', 'qbd.0x8004040a'],
    guide: 'single-user-mode',
    source: RP2,
  },
  {
    id: 'hresult-0x8004041A',
    system: 'web-connector',
    code: '0x8004041A / 0x80040420',
    title: 'Weft is not allowed into this company file',
    meaning: 'The company file has not granted the Weft application access, or a user denied it.',
    action:
      'In QuickBooks as admin: Edit → Preferences → Integrated Applications, allow Weft, then run the flow again.',
    codes: ['qbd.0x8004041A', 'qbd.0x8004041a', 'qbd.0x80040420'],
    guide: 'connection-troubleshooting',
    source: RP2,
  },
];
