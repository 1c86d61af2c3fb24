import { describe, expect, it } from 'vitest';
import {
  closest,
  flattenFields,
  kindOf,
  mappingProblems,
  serverProblems,
  setCreateOnly,
  setMapping,
  type MappingRow,
} from './mapping-model';
import type { Catalogue } from './mapping-types';

const source: Catalogue = {
  system: 'creatio',
  entity: 'Account',
  fields: [
    { path: 'Name', type: 'text' },
    { path: 'Phone', type: 'text' },
    { path: 'UsrActive', type: 'lookup', children: [{ path: 'Name', type: 'text' }] },
  ],
};
const target: Catalogue = {
  system: 'qbo',
  entity: 'Customer',
  fields: [
    { path: 'DisplayName', type: 'text', required: true, maxLength: 500 },
    { path: 'PrimaryPhone', type: 'object', children: [{ path: 'PrimaryPhone.FreeFormNumber', type: 'text' }] },
  ],
};

describe('mapping model', () => {
  it('lists nested fields by full path, relative or not', () => {
    expect(flattenFields(source.fields).map((f) => f.path)).toEqual(['Name', 'Phone', 'UsrActive', 'UsrActive.Name']);
    expect(flattenFields(target.fields).map((f) => f.path)).toContain('PrimaryPhone.FreeFormNumber');
  });

  it('mapping a field replaces the previous way and keeps the other settings', () => {
    const rows: MappingRow[] = [{ target: 'DisplayName', source: 'Name', required: true, tooLong: 'fail' }];
    const next = setMapping(rows, 'DisplayName', { expression: '$uppercase(Name)' });
    expect(next).toEqual([{ target: 'DisplayName', expression: '$uppercase(Name)', required: true, tooLong: 'fail' }]);
    expect(kindOf(next[0])).toBe('expression');
    const added = setMapping(next, 'Notes', { source: 'Phone' }, { path: 'Notes', type: 'text', maxLength: 30 });
    expect(added[1]).toEqual({ target: 'Notes', source: 'Phone', required: false, maxLength: 30 });
  });

  it('"Only when creating" marks the row, survives a change of how it is filled, and off leaves no trace', () => {
    const rows: MappingRow[] = [
      { target: 'DisplayName', source: 'Name', required: true },
      { target: 'Notes', source: 'Phone' },
    ];
    const on = setCreateOnly(rows, 'Notes', true);
    expect(on[1]).toEqual({ target: 'Notes', source: 'Phone', when: 'create' });
    expect(on[0]).toBe(rows[0]);
    expect(setMapping(on, 'Notes', { value: 'From Creatio' })[1]).toEqual({
      target: 'Notes',
      value: 'From Creatio',
      when: 'create',
    });
    expect(setCreateOnly(on, 'Notes', false)).toEqual(rows);
  });

  it('accepts any field of an object a step before adds without listing its fields (the primary contact)', () => {
    const withContact: Catalogue = {
      ...source,
      fields: [...source.fields, { path: 'PrimaryContactRecord', type: 'object' }],
    };
    const rows: MappingRow[] = [
      { target: 'DisplayName', source: 'Name' },
      { target: 'GivenName', source: 'PrimaryContactRecord.GivenName' },
      { target: 'FamilyName', source: 'PrimaryContactRecrd.Surname' },
    ];
    const problems = mappingProblems(rows, withContact, target).map((p) => p.message);
    expect(problems.filter((m) => m.includes('does not exist'))).toEqual([
      'FamilyName: source field PrimaryContactRecrd.Surname does not exist on Creatio Account — did you mean PrimaryContactRecord?',
    ]);
  });

  it('names an unmapped required field, a typo in a source field and a broken expression', () => {
    const problems = mappingProblems(
      [
        { target: 'PrimaryPhone.FreeFormNumber', source: 'Phnoe' },
        { target: 'Notes', expression: '$uppercase(Name' },
      ],
      source,
      target,
    );
    const text = problems.map((p) => p.message).join('\n');
    expect(text).toContain('DisplayName is required by QuickBooks Online Customer but is not mapped');
    expect(text).toContain('source field Phnoe does not exist on Creatio Account — did you mean Phone?');
    expect(text).toMatch(/^Notes: /m);
    expect(problems.every((p) => !p.message.includes('config.'))).toBe(true);
  });

  it('suggests nothing for a name far from every field', () => {
    expect(closest('Zzzzzz', ['Name', 'Phone'])).toBeUndefined();
  });

  it("lists the server's problems by the field they are about, blocking unless the check could not run", () => {
    const rows: MappingRow[] = [
      { target: 'DisplayName', source: 'Name' },
      { target: 'PrimaryPhone.FreeFormNumber', source: 'Phnoe' },
    ];
    const phone = 'Field 2 (PrimaryPhone.FreeFormNumber): Source field Phnoe does not exist on Creatio Account';
    expect(
      serverProblems(
        [
          { field: 1, message: `${phone} — did you mean Phone?` },
          { field: 0, list: 'Line', message: 'Line field 1 (Amount): Source field Amout does not exist' },
          { message: 'Creatio Contact needs Name, but no field of this mapping fills it' },
          { message: 'The fields could not be checked against Creatio: timed out', warning: true },
        ],
        rows,
      ),
    ).toEqual([
      { target: 'PrimaryPhone.FreeFormNumber', message: `${phone} — did you mean Phone?`, blocking: true },
      { target: 'Line', message: 'Line field 1 (Amount): Source field Amout does not exist', blocking: true },
      { target: '', message: 'Creatio Contact needs Name, but no field of this mapping fills it', blocking: true },
      { target: '', message: 'The fields could not be checked against Creatio: timed out', blocking: false },
    ]);
  });
});
