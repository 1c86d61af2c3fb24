// One object pair of "Configure solution" (seed §5.1–5.2): which way its records go,
// and — for the flows that carry them — the template (when several fit), the binding
// rule, the permitted operations and when new records are created. A way no template
// serves yet is shown, disabled, with the reason.
import { BINDING_RULE_UI } from '../../../nodes/core/binding-rules';
import { CREATION_TRIGGER_UI } from '../../../nodes/core/creation-triggers';
import { PERMITTED_OPERATIONS_FIELD } from '../../../nodes/core/permitted-operations';
import type { SolutionOptions } from '../api/api-types';

export type Pair = SolutionOptions['pairs'][number];
export type Way = 'c2q' | 'q2c';

/** A row's choices; '' = as the template has it. */
export interface PairState {
  direction: 'none' | Way | 'both';
  templates: Partial<Record<Way, string>>;
  matchRule: string;
  operations: string;
  createWhen: string;
  triggerField: string;
  triggerValue: string;
}

export const EMPTY_PAIR: PairState = {
  direction: 'none',
  templates: {},
  matchRule: '',
  operations: '',
  createWhen: '',
  triggerField: '',
  triggerValue: '',
};

const WAY_WORDS: Record<Way, string> = { c2q: 'Creatio → QuickBooks', q2c: 'QuickBooks → Creatio' };

/** The templates of a pair for one way on the chosen companies' systems. */
export function templatesOf(pair: Pair, way: Way, systems: string[]) {
  return pair.templates.filter((t) => t.way === way && systems.includes(t.system));
}

/** Why a direction cannot be chosen, or null when it can. */
export function unavailable(pair: Pair, direction: PairState['direction'], systems: string[]): string | null {
  if (direction === 'none') return null;
  const ways: Way[] = direction === 'both' ? ['c2q', 'q2c'] : [direction];
  const missing = ways.filter((w) => templatesOf(pair, w, systems).length === 0);
  if (missing.length === 0) return null;
  return `no template for ${missing.map((w) => WAY_WORDS[w]).join(' or ')} yet`;
}

/**
 * On each chosen system, do two of the pair's templates make a bi-directional pair (manifest `pair`), shown by
 * their pair test to leave out each other's writes? Else "both" is two flows that merely go opposite ways.
 */
export function pairedBothWays(pair: Pair, systems: string[]): boolean {
  const on = systems.filter((s) => pair.templates.some((t) => t.system === s));
  return (
    on.length > 0 &&
    on.every((s) => {
      const back = templatesOf(pair, 'q2c', [s]);
      return templatesOf(pair, 'c2q', [s]).some((t) => back.some((b) => b.id === t.pair));
    })
  );
}

const directions = (paired: boolean): { value: PairState['direction']; label: string }[] => [
  { value: 'none', label: 'None' },
  { value: 'c2q', label: 'Creatio → QuickBooks' },
  { value: 'q2c', label: 'QuickBooks → Creatio' },
  // The gallery card's words for a declared pair (template-card.tsx).
  { value: 'both', label: paired ? 'Bi-directional (two flows)' : 'Both ways (two separate flows)' },
];

interface Props {
  pair: Pair;
  state: PairState;
  systems: string[];
  onChange: (next: PairState) => void;
}

export function PairRow({ pair, state, systems, onChange }: Props) {
  const set = (patch: Partial<PairState>) => onChange({ ...state, ...patch });
  const on = state.direction !== 'none';
  const ways: Way[] = state.direction === 'both' ? ['c2q', 'q2c'] : on ? [state.direction as Way] : [];
  const reasons = directions(pairedBothWays(pair, systems)).map((d) => ({
    ...d,
    why: unavailable(pair, d.value, systems),
  }));
  const missing = (['c2q', 'q2c'] as Way[]).filter((w) => templatesOf(pair, w, systems).length === 0);
  const needsValue = state.createWhen === 'stage-reached' || state.createWhen === 'field-has-value';
  const id = `pair-${pair.id}`;
  return (
    <tr data-testid={id} className={on ? 'pair-on' : undefined}>
      <th scope="row">
        {pair.label}
        {missing.length > 0 && (
          <span className="pair-why" data-testid={`${id}-why`}>
            {missing.length === 2
              ? 'No template for these objects yet.'
              : `No template for ${WAY_WORDS[missing[0]]} yet, so not bi-directional either.`}
          </span>
        )}
      </th>
      <td>
        <select
          aria-label={`Direction for ${pair.label}`}
          value={state.direction}
          onChange={(e) => set({ direction: e.target.value as PairState['direction'] })}
          data-testid={`${id}-direction`}
        >
          {reasons.map((d) => (
            <option key={d.value} value={d.value} disabled={!!d.why}>
              {d.why ? `${d.label} (${d.why})` : d.label}
            </option>
          ))}
        </select>
        {ways.map((w) => {
          const options = templatesOf(pair, w, systems);
          if (options.length < 2) return null;
          return (
            <select
              key={w}
              aria-label={`Template for ${pair.label}, ${WAY_WORDS[w]}`}
              value={state.templates[w] ?? options[0].id}
              title={(options.find((t) => t.id === state.templates[w]) ?? options[0]).title}
              onChange={(e) => set({ templates: { ...state.templates, [w]: e.target.value } })}
            >
              {options.map((t) => (
                <option key={t.id + t.system} value={t.id}>
                  {t.title}
                </option>
              ))}
            </select>
          );
        })}
      </td>
      <td>
        {pair.nameRules ? (
          <AsTemplateSelect
            label={`Binding rule for ${pair.label}`}
            value={state.matchRule}
            disabled={!on}
            options={BINDING_RULE_UI.matchRule.options.filter((o) => o.value !== 'field')}
            onChange={(matchRule) => set({ matchRule })}
            testId={`${id}-rule`}
          />
        ) : (
          <span className="muted small">By transaction number</span>
        )}
      </td>
      <td>
        <AsTemplateSelect
          label={`Permitted operations for ${pair.label}`}
          value={state.operations}
          disabled={!on}
          options={PERMITTED_OPERATIONS_FIELD.options}
          onChange={(operations) => set({ operations })}
          testId={`${id}-operations`}
        />
      </td>
      <td>
        <AsTemplateSelect
          label={`Create new records for ${pair.label} when`}
          value={state.createWhen}
          disabled={!on}
          options={CREATION_TRIGGER_UI.createWhen.options}
          onChange={(createWhen) => set({ createWhen })}
          testId={`${id}-trigger`}
        />
        {on && needsValue && (
          <span className="trigger-value">
            <input
              aria-label={`Stage or field for ${pair.label}`}
              placeholder={state.createWhen === 'stage-reached' ? 'Stage.Name' : 'Field, e.g. UsrSyncToQB'}
              value={state.triggerField}
              onChange={(e) => set({ triggerField: e.target.value })}
            />
            <input
              aria-label={`Stage or value for ${pair.label}`}
              placeholder={state.createWhen === 'stage-reached' ? 'Stage, e.g. Proposal' : 'Value (empty: any)'}
              value={state.triggerValue}
              onChange={(e) => set({ triggerValue: e.target.value })}
              data-testid={`${id}-trigger-value`}
            />
          </span>
        )}
      </td>
    </tr>
  );
}

/** A node setting's choices, the first being "As the template" (the template's own value, unchanged). */
function AsTemplateSelect(props: {
  label: string;
  value: string;
  disabled: boolean;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  testId: string;
}) {
  return (
    <select
      aria-label={props.label}
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value)}
      data-testid={props.testId}
    >
      <option value="">As the template</option>
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A row's choices as the server takes them ('' left out: as the template). */
export function toChoice(pairId: string, s: PairState) {
  return {
    pair: pairId,
    direction: s.direction,
    templates: s.templates,
    ...(s.matchRule ? { matchRule: s.matchRule } : {}),
    ...(s.operations ? { operations: s.operations } : {}),
    ...(s.createWhen
      ? { createWhen: s.createWhen, triggerField: s.triggerField.trim(), triggerValue: s.triggerValue.trim() }
      : {}),
  };
}
