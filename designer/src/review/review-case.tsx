// One case of the review queue: what the binding could not decide, the record beside
// its candidates (the compared facts, a differing one marked), and support's choices.
import type { ReviewCaseView } from '../api/api-types';
import { formatTime } from '../lib/run-status';

export type Choice = { kind: 'pick'; candidateId: string } | { kind: 'create-new' } | { kind: 'skip' };

interface Props {
  c: ReviewCaseView;
  canDecide: boolean;
  busy: boolean;
  onDecide: (c: ReviewCaseView, choice: Choice, label: string) => void;
}

const FACTS = [
  ['name', 'Name'],
  ['phone', 'Phone'],
  ['address', 'City, state, postal code'],
  ['id', 'Id'],
] as const;

const digits = (v: string) => v.replace(/\D+/g, '').slice(-10);
const loose = (v: string) => v.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** A candidate's phone or address that is not the record's (how the binding compared them, roughly). */
function differs(fact: (typeof FACTS)[number][0], mine: string, theirs: string): boolean {
  if (fact === 'phone') return digits(mine) !== digits(theirs);
  if (fact === 'address') return !!mine && loose(mine) !== loose(theirs);
  return false;
}

export function decisionText(c: ReviewCaseView): string {
  const who = `${c.decidedBy ?? 'someone'}, ${c.decidedAt ? formatTime(c.decidedAt) : ''}`;
  const target = `${c.request.targetSystem ?? ''} ${c.request.target?.entity?.toLowerCase() ?? ''}`.trim();
  if (c.status === 'picked') {
    const name = c.request.candidates.find((x) => x.id === c.chosenId)?.name ?? c.chosenId;
    return `Matched to "${name}" (${c.chosenId}) by ${who}; the record went on through the flow.`;
  }
  if (c.status === 'create-new')
    return `"Create new" chosen by ${who}; the record went on to be created${target ? ` in ${target}` : ''}.`;
  return `Skipped by ${who}; it will not be synced.`;
}

export function ReviewCaseCard({ c, canDecide, busy, onDecide }: Props) {
  const r = c.request;
  const source = `${r.sourceSystem ?? c.record.meta.source.system} ${c.record.meta.source.entity.toLowerCase()}`;
  const target = `${r.targetSystem ?? ''} ${c.request.target?.entity?.toLowerCase() ?? 'record'}`.trim();
  const open = c.status === 'open';
  return (
    <article className="review-case" data-testid="review-case" aria-label={r.message}>
      <p className="review-message">{r.message}</p>
      <p className="muted small">
        Flow "{c.flowName}", at step {c.nodeId} · parked {formatTime(c.parkedAt)} ·{' '}
        {r.reason === 'ambiguous' ? 'several look-alikes' : 'name matches, other details differ'}
      </p>
      <table className="review-side-by-side">
        <thead>
          <tr>
            <th scope="col" aria-label="Fact" />
            <th scope="col" className="record-column">
              This {source}
            </th>
            {r.candidates.map((x, i) => (
              <th scope="col" key={x.id}>
                {target} {i + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FACTS.map(([fact, label]) => (
            <tr key={fact}>
              <th scope="row">{label}</th>
              <td className="record-column">{r.record[fact] || '—'}</td>
              {r.candidates.map((x) => (
                <td key={x.id} className={differs(fact, r.record[fact], x[fact]) ? 'differs' : undefined}>
                  {x[fact] || '—'}
                </td>
              ))}
            </tr>
          ))}
          {open && (
            <tr>
              <th scope="row">Choose</th>
              <td className="record-column muted small">Which one is it?</td>
              {r.candidates.map((x) => (
                <td key={x.id}>
                  <button
                    type="button"
                    className="button small"
                    disabled={!canDecide || busy}
                    onClick={() => onDecide(c, { kind: 'pick', candidateId: x.id }, `matched to "${x.name}"`)}
                    data-testid={`pick-${x.id}`}
                  >
                    This one
                  </button>
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
      {open ? (
        <div className="review-actions">
          <button
            type="button"
            className="button"
            disabled={!canDecide || busy}
            onClick={() => onDecide(c, { kind: 'create-new' }, `to be created as a new ${target}`)}
            data-testid="create-new"
          >
            None of these: create new
          </button>
          <button
            type="button"
            className="button"
            disabled={!canDecide || busy}
            onClick={() => onDecide(c, { kind: 'skip' }, 'skipped')}
            data-testid="skip"
          >
            Skip this record
          </button>
          {!canDecide && <span className="muted small">Only support and admins decide review cases.</span>}
        </div>
      ) : (
        <p className="review-decided" data-testid="review-decision">
          {decisionText(c)}
        </p>
      )}
    </article>
  );
}
