import { describe, expect, test } from 'vitest';
import { nextNodeId, slugFromType } from './node-id';
import { NodeId } from '../../../flow/flow-document';

describe('slugFromType', () => {
  test('uses the last segment of the type', () => {
    expect(slugFromType('core.filter')).toBe('filter');
    expect(slugFromType('quickbooks-online.sink')).toBe('sink');
    expect(slugFromType('creatio.source')).toBe('source');
  });
  test('makes a valid id out of odd types', () => {
    expect(slugFromType('acme.SalesReceipt')).toBe('sales-receipt');
    expect(slugFromType('x.42things')).toBe('node-42things');
    expect(slugFromType('x.__')).toBe('node');
  });
});

describe('nextNodeId', () => {
  test('the second filter of a flow is filter-2', () => {
    expect(nextNodeId('core.filter', [{ id: 'active', type: 'core.filter' }])).toBe('filter-2');
  });
  test('the first node of a type is <slug>-1', () => {
    expect(nextNodeId('core.mapping', [{ id: 'active', type: 'core.filter' }])).toBe('mapping-1');
  });
  test('skips ids that are taken, whatever their type', () => {
    const nodes = [
      { id: 'filter-1', type: 'core.filter' },
      { id: 'filter-2', type: 'core.mapping' },
    ];
    expect(nextNodeId('core.filter', nodes)).toBe('filter-3');
  });
  test('always returns an id the flow document accepts', () => {
    const long = `acme.${'Very'.repeat(30)}`;
    const id = nextNodeId(long, []);
    expect(NodeId.safeParse(id).success).toBe(true);
  });
});
