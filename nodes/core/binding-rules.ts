// Binding rules the way the seed's customers choose them (seed §5.3 "duplicate
// prevention", issue 14): one definition read by the QuickBooks Online, QuickBooks
// Desktop and Creatio binding nodes. Each node fetches candidates from its own
// system with bounded queries; this file only says which candidate (if any) a
// record belongs to, and when a person has to decide instead (the review queue).
//
//   stored cross-reference → the target's id kept in a source field → the match rule:
//   Name | Name+Phone | Name+Address (city, state, postal code, country; never the
//   street, which people spell ten ways) | Name+Phone+Address
//
// Names compare normalised: case, spaces and punctuation ignored, and the company
// suffixes of a configurable list dropped ("Acme, Inc." = "ACME Inc" = "Acme").
import { z } from 'zod';
import type { FlowRecord, ReviewCandidate, ReviewRequest } from '../define-node';
import { asText, fieldPath, readPath } from './field-path';

export const MATCH_RULES = ['field', 'name', 'name-phone', 'name-address', 'name-phone-address'] as const;
export type MatchRule = (typeof MATCH_RULES)[number];

export const DEFAULT_SUFFIXES = 'Inc, LLC, Ltd, GmbH, Corp, Co';

const path = (example: string) =>
  fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/, `a field path such as ${example}, or empty`));

/** The fields every binding node adds to its config (flat, so the inspector shows them as plain fields). */
export const BINDING_RULE_FIELDS = {
  /** `field`: the node's own field equality, compared as the target compares it (the behaviour before issue 14). */
  matchRule: z.enum(MATCH_RULES).default('field'),
  /** A source field holding the target's id (the QuickBooks ListID / Id kept in Creatio); empty = not used. */
  idField: path('UsrQBListId').default(''),
  phoneField: path('Phone').default('Phone'),
  cityField: path('City').default(''),
  stateField: path('Region').default(''),
  postalCodeField: path('Zip').default(''),
  countryField: path('Country').default(''),
  /** Company suffixes ignored when names are compared, separated by commas. */
  nameSuffixes: z.string().max(400).default(DEFAULT_SUFFIXES),
};

export const BINDING_RULE_DEFAULTS = {
  matchRule: 'field' as MatchRule,
  idField: '',
  phoneField: 'Phone',
  cityField: '',
  stateField: '',
  postalCodeField: '',
  countryField: '',
  nameSuffixes: DEFAULT_SUFFIXES,
};

export type BindingRuleConfig = { [K in keyof typeof BINDING_RULE_DEFAULTS]: (typeof BINDING_RULE_DEFAULTS)[K] };

export const BINDING_RULE_UI = {
  matchRule: {
    label: 'Match rule',
    widget: 'select' as const,
    options: [
      { value: 'field', label: 'One field equal to one field' },
      { value: 'name', label: 'Name' },
      { value: 'name-phone', label: 'Name + Phone' },
      { value: 'name-address', label: 'Name + Address (city, state, postal code, country)' },
      { value: 'name-phone-address', label: 'Name + Phone + Address' },
    ],
    help:
      'Names compare without case, spaces, punctuation or the suffixes below. Several look-alikes, or a name ' +
      'whose phone or address differs, go to the review queue for support to decide.',
  },
  idField: {
    label: 'Target id kept in source field',
    help: 'Optional: a field of the incoming record that holds the id of its counterpart (e.g. UsrQBListId).',
  },
  phoneField: { label: 'Phone is in source field' },
  cityField: { label: 'City is in source field' },
  stateField: { label: 'State / region is in source field' },
  postalCodeField: { label: 'Postal code is in source field' },
  countryField: { label: 'Country is in source field' },
  nameSuffixes: {
    label: 'Company suffixes to ignore',
    help: 'Separated by commas, e.g. Inc, LLC, Ltd, GmbH, Corp, Co. Empty: only case, spaces and punctuation.',
  },
};

/** Where the compared values sit on a candidate of the target system. */
export interface TargetFields {
  name: string;
  phone: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

export function suffixList(text: string): string[] {
  return text
    .split(',')
    .map((s) => squash(s))
    .filter(Boolean);
}

/** Letters and digits only, lower case, accents kept (Café ≠ Cafe is the customer's call, not ours). */
function squash(v: string): string {
  return v
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The name as compared: "Acme, Inc." → "acme"; "ACME  Inc" → "acme"; "Smith & Co. Ltd" → "smith".
 * Suffixes are dropped from the end only, repeatedly; a name that is nothing but a suffix keeps it.
 */
export function normaliseName(name: string, suffixes: string[]): string {
  const words = squash(name).split(' ').filter(Boolean);
  while (words.length > 1 && suffixes.includes(words[words.length - 1])) words.pop();
  // "&" became a space: "smith co" → suffix "co" dropped above; joined without spaces so "A.C.M.E." = "ACME".
  return words.join('');
}

/** The first word of the normalised name: what a bounded "starts with" query asks the target for. */
export function nameStem(name: string): string {
  return squash(name).split(' ')[0] ?? '';
}

/**
 * The word a bounded query asks the target for (QuickBooks LIKE '%w%', Creatio contains, qbXML
 * NameFilter Contains): the longest of the name's words that is not a suffix (fewest answers).
 */
export function searchWord(name: string, suffixes: string[]): string {
  const words = name
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !suffixes.includes(w));
  return words.sort((a, b) => b.length - a.length)[0] ?? '';
}

/** Digits only, the last ten (a leading +1 or 1 of a North American number does not count). */
export function normalisePhone(phone: string): string {
  return phone.replace(/\D+/g, '').slice(-10);
}

function normaliseAddressPart(v: string): string {
  return squash(v).replace(/ /g, '');
}

const usesPhone = (r: MatchRule) => r === 'name-phone' || r === 'name-phone-address';
const usesAddress = (r: MatchRule) => r === 'name-address' || r === 'name-phone-address';

export const RULE_LABEL: Record<MatchRule, string> = {
  field: 'field',
  name: 'Name',
  'name-phone': 'Name + Phone',
  'name-address': 'Name + Address',
  'name-phone-address': 'Name + Phone + Address',
};

interface Compared {
  phone: string;
  address: string;
}

/** The address parts the analyst named a source field for; the others are not compared. */
const ADDRESS_PARTS = ['city', 'state', 'postalCode', 'country'] as const;
const sourceAddressField = (c: BindingRuleConfig, part: (typeof ADDRESS_PARTS)[number]) =>
  ({ city: c.cityField, state: c.stateField, postalCode: c.postalCodeField, country: c.countryField })[part];

function sourceSide(c: BindingRuleConfig, r: FlowRecord): Compared {
  const at = (p: string) => (p ? asText(readPath(r.data, p)) : '');
  return {
    phone: normalisePhone(at(c.phoneField)),
    address: ADDRESS_PARTS.filter((p) => sourceAddressField(c, p))
      .map((p) => normaliseAddressPart(at(sourceAddressField(c, p))))
      .join('|'),
  };
}

function targetSide(c: BindingRuleConfig, t: TargetFields, row: Record<string, unknown>): Compared {
  const at = (p: string) => (p ? asText(readPath(row, p)) : '');
  return {
    phone: normalisePhone(at(t.phone)),
    address: ADDRESS_PARTS.filter((p) => sourceAddressField(c, p))
      .map((p) => normaliseAddressPart(at(t[p])))
      .join('|'),
  };
}

/** What the rule decided for one record. */
export type RuleDecision =
  | { kind: 'none' }
  | { kind: 'bound'; row: Record<string, unknown> }
  | { kind: 'review'; reason: 'ambiguous' | 'low-confidence'; rows: Record<string, unknown>[] };

/**
 * Picks among the rows whose normalised name equals the record's. One row that also agrees
 * on phone/address: bound. Several that agree: ambiguous. Rows that share the name but not
 * the phone or address: low confidence. Either way a person decides (the review queue).
 */
export function decideByRule(
  c: BindingRuleConfig,
  t: TargetFields,
  record: FlowRecord,
  sameName: Record<string, unknown>[],
): RuleDecision {
  if (sameName.length === 0) return { kind: 'none' };
  const mine = sourceSide(c, record);
  const agree = sameName.filter((row) => {
    const theirs = targetSide(c, t, row);
    return (
      (!usesPhone(c.matchRule) || theirs.phone === mine.phone) &&
      (!usesAddress(c.matchRule) || theirs.address === mine.address)
    );
  });
  if (agree.length === 1) return { kind: 'bound', row: agree[0] };
  if (agree.length > 1) return { kind: 'review', reason: 'ambiguous', rows: agree };
  return { kind: 'review', reason: 'low-confidence', rows: sameName };
}

/** A candidate as support sees it beside the record: its id, its name, and the compared facts. */
export function candidateOf(t: TargetFields, row: Record<string, unknown>, id: string): ReviewCandidate {
  const at = (p: string) => (p ? asText(readPath(row, p)) : '');
  const address = [t.city, t.state, t.postalCode, t.country].map(at).filter(Boolean).join(', ');
  return { id, name: at(t.name), phone: at(t.phone), address };
}

/** The facts of the record support compares with the candidates. */
export function recordFacts(c: BindingRuleConfig, nameField: string, r: FlowRecord): ReviewCandidate {
  const at = (p: string) => (p ? asText(readPath(r.data, p)) : '');
  const address = [c.cityField, c.stateField, c.postalCodeField, c.countryField].map(at).filter(Boolean).join(', ');
  return { id: r.key, name: at(nameField), phone: at(c.phoneField), address };
}

/** The review request, in the words support reads: "2 QuickBooks customers look like Creatio account 'Acme Ltd'". */
export function reviewRequest(
  c: BindingRuleConfig,
  where: { system: string; entity: string; sourceSystem: string; sourceEntity: string },
  facts: ReviewCandidate,
  decision: Extract<RuleDecision, { kind: 'review' }>,
  candidates: ReviewCandidate[],
): ReviewRequest {
  const n = candidates.length;
  const them = `${n} ${where.system} ${plural(where.entity.toLowerCase(), n)}`;
  const self = `${where.sourceSystem} ${where.sourceEntity.toLowerCase()} '${facts.name}'`;
  const message =
    decision.reason === 'ambiguous'
      ? `${them} look like ${self} (${RULE_LABEL[c.matchRule]}); Weft cannot tell which one is meant.`
      : `${them} ${n === 1 ? 'has' : 'have'} the name of ${self}, but ${differs(c.matchRule)} differ${
          n === 1 ? 's' : ''
        }.`;
  return {
    reason: decision.reason,
    rule: c.matchRule,
    message,
    record: facts,
    candidates,
    targetSystem: where.system,
    sourceSystem: where.sourceSystem,
  };
}

function differs(rule: MatchRule): string {
  if (rule === 'name-phone') return 'the phone';
  if (rule === 'name-address') return 'the address';
  return 'the phone or address';
}

function plural(word: string, n: number): string {
  return n === 1 ? word : `${word}s`;
}
