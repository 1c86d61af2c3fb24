// Router: sends each record down one of several branches by the value of one of its fields, e.g. an
// opportunity's "QuickBooks transaction" field: Invoice, Sales Receipt, Estimate (seed §5.2 "QB Multiple
// Transaction Supported"). One output per value, plus one for any other value (an empty field included).
// The canvas draws a handle per branch; the flow check refuses a branch connected to nothing.
import { z } from 'zod';
import { defineNode, type PortDef, type RecordResult } from '../define-node';
import { asText, fieldPath, readPath } from './field-path';

const OTHER = 'other';

const Route = z.strictObject({
  value: z.string().trim().min(1, 'give the value that picks this branch, e.g. Sales Receipt'),
});

const Config = z
  .strictObject({
    field: fieldPath(z.string().min(1, 'choose the field whose value picks the branch')),
    routes: z.array(Route).min(1, 'add at least one branch'),
    otherLabel: z.string().default('Any other value'),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<string, string>();
    for (const [i, r] of c.routes.entries()) {
      const port = portName(r.value);
      const twin = seen.get(port);
      if (twin !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['routes', i, 'value'],
          params: { named: true },
          message:
            `Branches "${twin}" and "${r.value}" would share one output ("${port}"): ` +
            'give each branch a value that differs in its letters or digits.',
        });
      seen.set(port, r.value);
    }
  });
type Config = z.infer<typeof Config>;

/** A branch's port: its value in lower case, words joined by "-" ("Sales Receipt" → `sales-receipt`, "2" → `value-2`). */
export function portName(value: string): string {
  const slug = value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  // An edge names a port in plain letters, digits and dashes, starting with a letter (flow-document.ts).
  return slug === OTHER || !/^[a-z]/.test(slug) ? `value-${slug}`.replace(/-$/, '') : slug;
}

/** The outputs of a router with this config (saved, possibly not valid yet). */
function branches(config: unknown): PortDef<Config>[] {
  const c = (config ?? {}) as Partial<Config>;
  const routes = Array.isArray(c.routes) ? c.routes : [];
  const ports = routes
    .filter((r) => r && typeof r.value === 'string' && r.value.trim() !== '')
    .map((r) => ({ name: portName(r.value), label: r.value.trim(), recordType: { sameAs: 'in' } }));
  const unique = ports.filter((p, i) => ports.findIndex((q) => q.name === p.name) === i);
  const other = typeof c.otherLabel === 'string' && c.otherLabel ? c.otherLabel : 'Any other value';
  return [...unique, { name: OTHER, label: other, recordType: { sameAs: 'in' } }];
}

export const routerNode = defineNode({
  type: 'core.router',
  version: 1,
  title: 'Router',
  category: 'filter',
  description: 'Sends each record down one branch by the value of a field, e.g. Invoice, Sales Receipt or Estimate.',
  inputs: [{ name: 'in', label: 'Records' }],
  outputs: [{ name: OTHER, label: 'Any other value', recordType: { sameAs: 'in' } }],
  outputsFor: branches,
  config: Config,
  defaults: { field: 'UsrQBTxnType', routes: [{ value: 'Invoice' }, { value: 'Sales Receipt' }] },
  ui: {
    icon: '⋔',
    color: '#d97706',
    fields: {
      field: {
        label: 'Field that picks the branch',
        widget: 'text',
        placeholder: 'UsrQBTxnType',
        help: 'A field of the record, e.g. UsrQBTxnType or Stage.Name. Compared without regard to case or spaces around it.',
      },
      routes: {
        label: 'Branch values',
        help: 'One branch per value; each becomes an output of this node to connect to the steps for those records.',
      },
      otherLabel: {
        label: 'Name of the branch for any other value',
        widget: 'text',
        help: 'Records whose field is empty or holds a value no branch names go here.',
      },
    },
    summary: (c) => `by ${c.field}: ${c.routes.map((r) => r.value).join(' / ')} / ${c.otherLabel.toLowerCase()}`,
  },
  async process(_ctx, config, _state, batch) {
    const ports = new Map(config.routes.map((r) => [r.value.trim().toLowerCase(), portName(r.value)]));
    return batch.map((record): RecordResult => {
      const value = asText(readPath(record.data, config.field)).trim().toLowerCase();
      return { record, outcome: 'passed', port: ports.get(value) ?? OTHER };
    });
  },
});
