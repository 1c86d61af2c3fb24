import { describe, expect, it } from 'vitest';
import type { FlowRecord } from '../define-node';
import {
  BINDING_RULE_DEFAULTS,
  decideByRule,
  normaliseName,
  normalisePhone,
  reviewRequest,
  suffixList,
  type BindingRuleConfig,
  type TargetFields,
} from './binding-rules';
import { applyCreationTrigger, type CreationTrigger } from './creation-triggers';

const suffixes = suffixList('Inc, LLC, Ltd, GmbH, Corp, Co');
const fields: TargetFields = {
  name: 'DisplayName',
  phone: 'PrimaryPhone.FreeFormNumber',
  city: 'BillAddr.City',
  state: 'BillAddr.CountrySubDivisionCode',
  postalCode: 'BillAddr.PostalCode',
  country: 'BillAddr.Country',
};
const rules = (matchRule: BindingRuleConfig['matchRule']): BindingRuleConfig => ({
  ...BINDING_RULE_DEFAULTS,
  matchRule,
  cityField: 'City',
  stateField: 'Region',
  postalCodeField: 'Zip',
  countryField: 'Country',
});
const account = (data: Record<string, unknown>): FlowRecord => ({
  key: 'a1',
  data,
  meta: { source: { node: 'accounts', system: 'creatio', entity: 'Account' } },
});
const customer = (Id: string, DisplayName: string, phone: string, city = 'Boston', street = '1 Main St') => ({
  Id,
  DisplayName,
  PrimaryPhone: { FreeFormNumber: phone },
  BillAddr: { Line1: street, City: city, CountrySubDivisionCode: 'MA', PostalCode: '02110', Country: 'USA' },
});

describe('name normalisation', () => {
  it('ignores case, spaces, punctuation and the listed company suffixes', () => {
    const names = ['Acme, Inc.', 'ACME Inc', '  acme  ', 'A.C.M.E. LLC', 'Acme Co. Ltd'];
    expect(names.map((n) => normaliseName(n, suffixes))).toEqual(['acme', 'acme', 'acme', 'acme', 'acme']);
  });
  it('keeps a suffix that is not on the list, and a name that is nothing but a suffix', () => {
    expect(normaliseName('Acme Corporation', suffixes)).toBe('acmecorporation');
    expect(normaliseName('Acme Corporation', suffixList('Corporation'))).toBe('acme');
    expect(normaliseName('Inc.', suffixes)).toBe('inc');
    expect(normaliseName('Acme, Inc.', [])).toBe('acmeinc');
  });
  it('keeps accents and non-Latin letters', () => {
    expect(normaliseName('Café Déjà Vu GmbH', suffixes)).toBe('cafédéjàvu');
    expect(normaliseName('Café Déjà Vu', suffixes)).not.toBe(normaliseName('Cafe Deja Vu', suffixes));
  });
  it('compares phones by their last ten digits', () => {
    expect(normalisePhone('+1 (617) 555-0100')).toBe(normalisePhone('617.555.0100'));
  });
});

describe('match rules', () => {
  const acme = account({
    Name: 'Acme Inc',
    Phone: '617-555-0100',
    City: 'Boston',
    Region: 'MA',
    Zip: '02110',
    Country: 'USA',
  });
  it('Name: one look-alike binds, two go to review as ambiguous, none creates', () => {
    expect(decideByRule(rules('name'), fields, acme, [customer('1', 'Acme, Inc.', 'x')]).kind).toBe('bound');
    const two = decideByRule(rules('name'), fields, acme, [
      customer('1', 'Acme, Inc.', 'x'),
      customer('2', 'ACME Inc', 'y'),
    ]);
    expect(two).toMatchObject({ kind: 'review', reason: 'ambiguous' });
    expect(decideByRule(rules('name'), fields, acme, []).kind).toBe('none');
  });
  it('Name+Phone: the phone picks among look-alikes; a name whose phone differs is low confidence', () => {
    const rows = [customer('1', 'Acme, Inc.', '(617) 555-0100'), customer('2', 'ACME Inc', '617 555 0199')];
    expect(decideByRule(rules('name-phone'), fields, acme, rows)).toMatchObject({ kind: 'bound', row: { Id: '1' } });
    const other = decideByRule(rules('name-phone'), fields, acme, [customer('2', 'ACME Inc', '617 555 0199')]);
    expect(other).toMatchObject({ kind: 'review', reason: 'low-confidence' });
  });
  it('Name+Address compares city, state, postal code and country, never the street', () => {
    const rows = [customer('1', 'Acme, Inc.', '', 'Boston', '99 Other Road'), customer('2', 'ACME Inc', '', 'Albany')];
    expect(decideByRule(rules('name-address'), fields, acme, rows)).toMatchObject({ kind: 'bound', row: { Id: '1' } });
  });
  it('Name+Phone+Address needs both to agree', () => {
    const rows = [customer('1', 'Acme, Inc.', '617-555-0100', 'Albany'), customer('2', 'ACME Inc', '617-555-0199')];
    expect(decideByRule(rules('name-phone-address'), fields, acme, rows)).toMatchObject({
      kind: 'review',
      reason: 'low-confidence',
    });
  });
  it("says what support decides, in support's words", () => {
    const rows = [customer('1', 'Acme, Inc.', '617-555-0100'), customer('2', 'ACME Inc', '617-555-0100')];
    const d = decideByRule(rules('name-phone'), fields, acme, rows);
    if (d.kind !== 'review') throw new Error('expected a review');
    const where = { system: 'QuickBooks', entity: 'Customer', sourceSystem: 'Creatio', sourceEntity: 'Account' };
    const facts = { id: 'a1', name: 'Acme Inc', phone: '', address: '' };
    expect(reviewRequest(rules('name-phone'), where, facts, d, []).message).toMatch(
      /^0 QuickBooks customers look like Creatio account 'Acme Inc' \(Name \+ Phone\)/,
    );
  });
});

describe('creation triggers (seed §5.2)', () => {
  const opp = (stage: string, extra: Record<string, unknown> = {}): FlowRecord => ({
    key: 'o1',
    data: { Title: 'Deal', Stage: { Name: stage }, ...extra },
    meta: { source: { node: 'opps', system: 'creatio', entity: 'Opportunity' } },
  });
  const where = { system: 'QuickBooks', entity: 'Invoice' };
  const t = (createWhen: CreationTrigger['createWhen'], triggerField = '', triggerValue = '') => ({
    createWhen,
    triggerField,
    triggerValue,
  });
  it('creates at once by default, and waits for the stage, the win or the field otherwise', () => {
    expect(applyCreationTrigger(t('record-created'), opp('Qualification'), where)).toBeNull();
    expect(applyCreationTrigger(t('stage-reached', 'Stage.Name', 'Proposal'), opp('proposal'), where)).toBeNull();
    expect(
      applyCreationTrigger(t('stage-reached', 'Stage.Name', 'Proposal'), opp('Qualification'), where),
    ).toMatchObject({
      outcome: 'skipped',
      failure: {
        message:
          'Not created in QuickBooks as a new Invoice yet: it has not reached the stage "Proposal" yet ' +
          '(Stage.Name is "Qualification").',
      },
    });
    expect(applyCreationTrigger(t('won'), opp('Closed won'), where)).toBeNull();
    expect(applyCreationTrigger(t('won'), opp('Closed lost'), where)?.outcome).toBe('skipped');
    expect(applyCreationTrigger(t('field-has-value', 'UsrToQB'), opp('x', { UsrToQB: 'yes' }), where)).toBeNull();
    expect(applyCreationTrigger(t('field-has-value', 'UsrToQB'), opp('x'), where)?.failure?.message).toMatch(
      /UsrToQB is empty/,
    );
  });
  it('never holds back an update of a record already linked', () => {
    const bound = opp('Qualification');
    bound.meta.binding = {
      system: 'quickbooks-online',
      entity: 'Invoice',
      targetId: '12',
      matchedBy: 'cross-reference',
    };
    expect(applyCreationTrigger(t('won'), bound, where)).toBeNull();
  });
});
