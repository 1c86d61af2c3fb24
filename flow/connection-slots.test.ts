import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { registry } from '../nodes';
import { bindSlots, openSlots } from './connection-slots';
import { FlowDocument } from './flow-document';

const template = (file: string) =>
  FlowDocument.parse(JSON.parse(readFileSync(new URL(`../templates/${file}`, import.meta.url), 'utf8')));

describe('connection slots of templates', () => {
  it('a shipped template names kinds of systems, never a connection id', () => {
    const doc = template('creatio-contacts-to-qbo-customers.json');
    const slots = openSlots(doc, registry);
    expect(new Set(slots.map((s) => s.kind))).toEqual(new Set(['creatio', 'quickbooks-online']));
    // Every connection field of the template is a slot (or left empty on purpose: "the record's own connection").
    const fields = doc.nodes.flatMap((n) =>
      Object.entries(n.config)
        .filter(([k]) => /onnection$/.test(k))
        .map(([, v]) => v),
    );
    expect(fields.every((v) => v === '' || (typeof v === 'string' && v.startsWith('@')))).toBe(true);
  });

  it('binds each slot to the connection picked for its kind, and leaves one nobody fills empty', () => {
    const doc = template('creatio-accounts-to-qbo-customers.json');
    const bound = bindSlots(doc, registry, (s) => (s.kind === 'creatio' ? 'acme-crm' : null));
    const byNode = Object.fromEntries(bound.nodes.map((n) => [n.id, n.config.connection]));
    expect(byNode.accounts).toBe('acme-crm');
    expect(byNode['bind-customers']).toBe('');
    expect(openSlots(bound, registry)).toEqual([]);
    // The template itself is not changed.
    expect(openSlots(doc, registry).length).toBeGreaterThan(0);
  });
});
