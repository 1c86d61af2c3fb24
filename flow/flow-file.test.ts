import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../nodes';
import { bindSlots } from './connection-slots';
import { FlowDocument } from './flow-document';
import { flowFileText, readFlowFile } from './flow-file';

const template = FlowDocument.parse(
  JSON.parse(readFileSync(new URL('../templates/creatio-accounts-to-qbo-customers.json', import.meta.url), 'utf8')),
);
// The workspace's connections: ids inside the store, names in the file.
const conns = [
  { id: 'c-1', name: 'Creatio (sandbox)', kind: 'creatio' },
  { id: 'q-7', name: 'QuickBooks Online (sandbox)', kind: 'quickbooks-online' },
];
const bound = bindSlots(template, registry, (s) => conns.find((c) => c.kind === s.kind)!.id);
const nameOf = (id: string) => conns.find((c) => c.id === id)?.name ?? null;
const idOf = (name: string) => conns.find((c) => c.name === name)?.id ?? null;

describe('flow files', () => {
  it('names connections by name, sorts nodes and keys, and ends with a newline', () => {
    const text = flowFileText(bound, registry, nameOf);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('"connection": "Creatio (sandbox)"');
    expect(text).not.toContain('"c-1"');
    const file = JSON.parse(text) as FlowDocument;
    expect(file.nodes.map((n) => n.id)).toEqual([
      'accounts',
      'active',
      'bind-customers',
      'customers',
      'map-customer',
      'options',
    ]);
    expect(Object.keys(file.nodes[0].config)).toEqual([...Object.keys(file.nodes[0].config)].sort());
  });

  it('reads its own file back to the same document and the same bytes', () => {
    const text = flowFileText(bound, registry, nameOf);
    const read = readFlowFile(text, registry, idOf);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.document.nodes.find((n) => n.id === 'accounts')!.config.connection).toBe('c-1');
    expect(flowFileText(read.document, registry, nameOf)).toBe(text);
  });

  it('does not depend on the order nodes were added in', () => {
    const shuffled = { ...bound, nodes: [...bound.nodes].reverse(), edges: [...bound.edges].reverse() };
    expect(flowFileText(shuffled, registry, nameOf)).toBe(flowFileText(bound, registry, nameOf));
  });

  it('refuses a broken file, naming each node and field, with a connection it does not know', () => {
    const file = JSON.parse(flowFileText(bound, registry, nameOf));
    file.nodes.find((n: { id: string }) => n.id === 'map-customer').config.mappings[1].target = 42;
    file.nodes.find((n: { id: string }) => n.id === 'customers').config.connection = 'Books of another firm';
    const read = readFlowFile(JSON.stringify(file), registry, idOf);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const messages = read.problems.map((p) => p.message);
    expect(messages.some((m) => m.includes('"map-customer"') && m.includes('config.mappings.1.target'))).toBe(true);
    expect(
      messages.some((m) =>
        new RegExp(
          '^Node "customers" \\(.+\\): there is no connection named "Books of another firm" in this workspace ' +
            'at config\\.connection\\. Add it under Connections',
        ).test(m),
      ),
    ).toBe(true);
  });

  it('refuses what is not JSON, or not a flow', () => {
    const notJson = readFlowFile('{ nope', registry, idOf);
    expect(notJson.ok === false && notJson.problems[0].message).toMatch(/not valid JSON/);
    const notFlow = readFlowFile('{"hello": 1}', registry, idOf);
    expect(notFlow.ok).toBe(false);
  });
});
