// Readable words for keys and values that come from schemas.

const LABELS: Record<string, Record<string, string>> = {
  rules: { field: 'Field', op: 'Test', value: 'Value' },
  mappings: {
    target: 'Target field',
    source: 'Source field',
    value: 'Fixed value or {{template}}',
    required: 'Required',
    maxLength: 'Max length',
    tooLong: 'If too long',
    // Issue 15: not set is the same as always (UNSET below).
    when: 'Written',
    // A field an option step fills only once chosen: no "empty on every record" note until then.
    emptyUntilChosen: 'Empty until an option is chosen',
  },
  option: {
    'not-equals': 'does not equal',
    'starts-with': 'starts with',
    'is-empty': 'is empty',
    'is-not-empty': 'is not empty',
    'greater-than': 'greater than',
    'less-than': 'less than',
    fail: 'fail the record',
    truncate: 'cut it to fit',
    always: 'On every create and update',
    create: 'Only when creating',
  },
};

/**
 * What a field left out of the config means where its schema has no default, shown as the choice made. Issue 15: a
 * mapping row's `when` not set is written on every create and update, so it reads so, never "(not set)".
 */
const UNSET: Record<string, Record<string, string>> = {
  mappings: { when: 'always' },
};

export function unsetMeans(group: string | undefined, key: string): string | undefined {
  return group ? UNSET[group]?.[key] : undefined;
}

export function labelFor(group: string | undefined, key: string): string | undefined {
  return group ? LABELS[group]?.[key] : undefined;
}

/** `matchSourceField` → `Match source field`, `create-and-update` → `Create and update`. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
