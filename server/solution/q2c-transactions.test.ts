// "Configure solution" offers the QuickBooks → Creatio direction of the sales forms and jobs (seed §5.1):
// estimates, sales receipts, Desktop sales orders and jobs become opportunities, after the accounts.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../flow/validate-flow';
import { registry } from '../../nodes';
import { loadTemplates } from '../templates';
import { planSolution, SolutionChoices, type Connection } from './solution-plan';

const catalog = loadTemplates(fileURLToPath(new URL('../../templates', import.meta.url)), registry);
const CONNECTIONS: Connection[] = [
  { id: 'crm', kind: 'creatio', name: 'Creatio' },
  { id: 'qbo-east', kind: 'quickbooks-online', name: 'East Coast Inc' },
  { id: 'qbd-west', kind: 'quickbooks-desktop', name: 'West LLC company file' },
];

const plan = (company: string, pairs: string[]) =>
  planSolution({
    choices: SolutionChoices.parse({
      companies: [company],
      pairs: [{ pair: 'accounts-customers', direction: 'q2c' }, ...pairs.map((pair) => ({ pair, direction: 'q2c' }))],
    }),
    templates: catalog.list(),
    document: (id) => catalog.get(id),
    connections: CONNECTIONS,
    registry,
  });

describe('Configure solution, QuickBooks → Creatio transactions', () => {
  it('makes opportunities from QuickBooks Online estimates, sales receipts and jobs, after the accounts', () => {
    const p = plan('qbo-east', ['opportunities-estimates', 'opportunities-sales-receipts', 'opportunities-jobs']);
    expect(p.flows.map((f) => f.templateId)).toEqual([
      'qbo-customers-to-creatio-accounts',
      'qbo-jobs-to-creatio-opportunities',
      'qbo-sales-receipts-to-creatio-opportunities',
      'qbo-estimates-to-creatio-opportunities',
    ]);
    for (const f of p.flows) expect(validateFlow(f.document, registry).problems).toEqual([]);
  });

  it('makes opportunities from QuickBooks Desktop sales orders and jobs too; Online still has no sales orders', () => {
    const p = plan('qbd-west', ['opportunities-sales-orders', 'opportunities-jobs']);
    expect(p.flows.map((f) => f.templateId)).toEqual([
      'qbd-customers-to-creatio-accounts',
      'qbd-jobs-to-creatio-opportunities',
      'qbd-sales-orders-to-creatio-opportunities',
    ]);
    for (const f of p.flows) expect(validateFlow(f.document, registry).problems).toEqual([]);
    expect(plan('qbo-east', ['opportunities-sales-orders']).notes.join(' ')).toContain('Sales Order');
  });
});
