// Account by name: finds one QuickBooks Online account (chart of accounts) by its name
// once per run and writes its Id on every record, for a reference a mapping must fill
// with an Id, e.g. the bank account a check is written from (Intuit, Purchase: "AccountRef
// … required … Check: bank account", https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/purchase).
// A template names the account, never its Id: Ids differ from company to company.
// When the account is missing, inactive or of another type, every record fails with the account named.
import { z } from 'zod';
import { defineNode, type RecordFailure, type RecordResult } from '../../define-node';
import { fieldPath, writePath } from '../../core/field-path';
import type { QboClient } from './qbo-client';
import { openQboClient } from './qbo-connection';
import { QboError } from './qbo-error';
import { qboFailure, unexpectedFailure } from './qbo-failure';
import { qboLiteral } from './qbo-query';

/** QuickBooks Online AccountType values a look-up may ask for (Intuit, Account entity). */
const ACCOUNT_TYPES = ['Any', 'Bank', 'Credit Card', 'Expense', 'Income', 'Accounts Payable', 'Other Current Asset'];

const config = z.strictObject({
  connection: z.string().min(1, 'Choose the QuickBooks Online company (add one under Connections).'),
  /** The account's name in QuickBooks, e.g. Checking. */
  account: z.string().trim().min(1, 'name the QuickBooks account, e.g. Checking'),
  /** The account must be of this type (a check needs a Bank account); Any = no check. */
  accountType: z.enum(ACCOUNT_TYPES as [string, ...string[]]).default('Any'),
  /** Where its Id goes on each record, e.g. BankAccountId. */
  into: fieldPath(z.string().regex(/^[A-Za-z_][\w.]*$/, 'a field name such as BankAccountId')),
});
type Config = z.infer<typeof config>;

interface State {
  client: QboClient;
  found?: string | RecordFailure;
}

async function find(c: Config, state: State): Promise<string | RecordFailure> {
  if (state.found) return state.found;
  const next = `Create the account "${c.account}" in QuickBooks, or name another one on this node, then reprocess.`;
  try {
    const { rows } = await state.client.query(
      `select * from Account where Name = ${qboLiteral(c.account)} AND Active IN (true, false)`,
    );
    const row = rows[0];
    if (!row)
      return (state.found = {
        code: 'weft.account.missing',
        message: `QuickBooks has no account named "${c.account}".`,
        action: next,
      });
    if (row.Active === false)
      return (state.found = {
        code: 'weft.account.inactive',
        message: `The QuickBooks account "${c.account}" is inactive.`,
        action: `Make the account "${c.account}" active in QuickBooks, or name another one on this node, then reprocess.`,
      });
    if (c.accountType !== 'Any' && row.AccountType !== c.accountType)
      return (state.found = {
        code: 'weft.account.type',
        message: `The QuickBooks account "${c.account}" is a ${String(row.AccountType)} account, not a ${c.accountType} account.`,
        action: `Name a ${c.accountType} account on this node, then reprocess.`,
      });
    return (state.found = String(row.Id));
  } catch (e) {
    // Not kept: a passing outage must not fail the rest of the run.
    return e instanceof QboError ? qboFailure(e, 'Account') : unexpectedFailure(e);
  }
}

export const qboAccountLookupNode = defineNode({
  type: 'quickbooks-online.account-lookup',
  version: 1,
  title: 'QuickBooks account',
  category: 'binding',
  description: 'Finds a QuickBooks account by name (e.g. the bank account checks are written from) for every record.',
  inputs: [{ name: 'in', label: 'Records' }],
  outputs: [{ name: 'out', label: 'Records with the account', recordType: { sameAs: 'in' } }],
  config,
  defaults: { connection: '', account: 'Checking', accountType: 'Bank', into: 'BankAccountId' },
  ui: {
    icon: '▤',
    color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company', widget: 'connection', connectionKind: 'quickbooks-online' },
      account: { label: 'Account name', help: 'As the chart of accounts in QuickBooks names it, e.g. Checking.' },
      accountType: {
        label: 'Must be of type',
        widget: 'select',
        options: ACCOUNT_TYPES.map((t) => ({ value: t, label: t === 'Any' ? 'Any type' : t })),
      },
      into: { label: 'Put its id in', help: 'A new field on each record, to map to AccountRef.' },
    },
    summary: (c) => `"${c.account}"${c.accountType === 'Any' ? '' : ` (${c.accountType})`} → ${c.into}`,
  },
  open: async (ctx, c): Promise<State> => ({ client: (await openQboClient(ctx, c.connection)).client }),
  process: async (_ctx, c, state, batch) => {
    const found = await find(c, state);
    return batch.map((r): RecordResult => {
      if (typeof found !== 'string') return { record: r, outcome: 'failed', failure: found };
      const data = structuredClone(r.data);
      writePath(data, c.into, found);
      return { record: { ...r, data }, outcome: 'passed', port: 'out' };
    });
  },
});
