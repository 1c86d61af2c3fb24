// One template's card in the gallery (issue 15): title, former name, the pair it syncs with, its objects,
// a description folded to a few lines, what it needs, and "Use template".
import { useState } from 'react';
import type { TemplateInfo, TemplateNeeds } from '../api/api-types';
import { objectLabel } from './object-label';
import { TemplateNeedsView } from './template-needs';

/** Seed §6.1's utility flows, in an operator's words. */
const UTILITY_LABEL: Record<string, string> = {
  binding: 'binding (link records, write nothing)',
  'bulk-load': 'bulk load of a date range',
  single: 'single record',
};

/** Descriptions longer than this fold to four lines, so 56 cards stay scannable; "Show all" opens one. */
const LONG_TEXT = 220;

export function ObjectChips({ objects }: { objects: string[] }) {
  return (
    <ul className="chips" aria-label="Objects">
      {objects.map((o) => (
        <li key={o} className="chip" title={objectLabel(o) === o ? undefined : `In Creatio or QuickBooks: ${o}`}>
          {objectLabel(o)}
        </li>
      ))}
    </ul>
  );
}

export function TemplateCard(props: {
  t: TemplateInfo;
  pairTitle: string | null;
  needs: TemplateNeeds | undefined;
  needsError: string | null;
  busy: string | null;
  use: (t: TemplateInfo) => void;
}) {
  const { t } = props;
  const [open, setOpen] = useState(false);
  const long = (t.description?.length ?? 0) > LONG_TEXT;
  return (
    <li className="card" data-testid={`template-${t.id}`}>
      <h4>{t.title ?? t.name}</h4>
      {t.formerly && <p className="formerly">Formerly {t.formerly}</p>}
      {t.pair && (
        <p className="card-meta" data-testid={`template-pair-${t.id}`}>
          Bi-directional (two flows): use it with “{props.pairTitle}”, which syncs the other way. Changes Weft itself
          wrote are not sent back.
        </p>
      )}
      <ObjectChips objects={t.objects} />
      <p className={long && !open ? 'card-text folded' : 'card-text'} data-testid={`template-text-${t.id}`}>
        {t.description}
      </p>
      {long && (
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Show less' : 'Show all'}
        </button>
      )}
      <div className="card-facts">
        <p className="card-meta" data-testid={`template-version-${t.id}`}>
          Version {t.version}
          {t.builtIn ? ' · built-in template' : ''}
          {t.releaseNote ? ` · ${t.releaseNote}` : ''}
        </p>
        <p className="card-meta">Needs connections: {t.needs.length ? t.needs.join(', ') : 'none'}</p>
        {t.utilities && t.utilities.length > 0 && (
          <p className="card-meta" data-testid={`template-utilities-${t.id}`}>
            Utility runs: {t.utilities.map((u) => UTILITY_LABEL[u] ?? u).join(', ')}
          </p>
        )}
      </div>
      <TemplateNeedsView report={props.needs} error={props.needsError} />
      <button
        type="button"
        className="button primary"
        disabled={props.busy !== null}
        onClick={() => props.use(t)}
        data-testid={`use-template-${t.id}`}
      >
        {props.busy === t.id ? 'Creating…' : 'Use template'}
      </button>
    </li>
  );
}
