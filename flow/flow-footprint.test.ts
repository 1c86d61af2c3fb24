// What a flow touches, read from shipped templates bound to connections as a customer would bind them (issue 15):
// a write-back's writes count, and an optional connection left empty names no company.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../nodes';
import { bindSlots } from './connection-slots';
import { FlowDocument } from './flow-document';
import { flowFootprint, footprintsOverlap, readsBack } from './flow-footprint';

const template = (file: string, connections: Record<string, string>) =>
  bindSlots(
    FlowDocument.parse(JSON.parse(readFileSync(new URL(`../templates/${file}`, import.meta.url), 'utf8'))),
    registry,
    (slot) => connections[slot.kind] ?? null,
  );
const acme = { creatio: 'crm-acme', 'quickbooks-online': 'qbo-acme', 'quickbooks-desktop': 'qbd-acme' };
const globex = { creatio: 'crm-globex', 'quickbooks-online': 'qbo-globex', 'quickbooks-desktop': 'qbd-globex' };

describe('flow footprint', () => {
  it("counts what a write-back writes: the opportunity QuickBooks' invoice number goes back to, its lines' ids", () => {
    const toInvoices = flowFootprint(template('creatio-opportunities-to-qbo-invoices.json', acme), registry);
    expect(toInvoices.writes).toEqual([
      'creatio.Opportunity',
      'creatio.OpportunityProduct',
      'quickbooks-online.Invoice',
    ]);
    // Another flow of the same Creatio site reads opportunities: the write-back's writes come back to it as changes,
    // so echo suppression must remember them.
    const toEstimates = flowFootprint(template('creatio-opportunities-to-qbd-estimates.json', acme), registry);
    expect(readsBack(toInvoices, toEstimates)).toBe(true);
  });

  it('a write-back that sends neither amounts nor line ids back writes no product lines', () => {
    const doc = template('creatio-opportunities-to-qbo-invoices.json', acme);
    const noLines = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.type === 'creatio.write-back' ? { ...n, config: { ...n.config, lineIdField: '' } } : n,
      ),
    };
    expect(flowFootprint(noLines, registry).writes).not.toContain('creatio.OpportunityProduct');
  });

  it('an optional connection left empty is no shared company: two customers’ flows do not clash', () => {
    const a = flowFootprint(template('qbo-invoices-to-creatio-opportunities.json', acme), registry);
    const b = flowFootprint(template('qbo-invoices-to-creatio-opportunities.json', globex), registry);
    expect(a.connections).toEqual(['crm-acme', 'qbo-acme']);
    expect(footprintsOverlap(a, b)).toBe(false);
    expect(footprintsOverlap(a, a)).toBe(true);
  });
});
