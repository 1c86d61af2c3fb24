import { useMemo, useState } from 'react';
import type { TemplateInfo } from '../api/api-types';
import { api } from '../api/trpc-client';
import { routeHref } from '../lib/hash-route';
import { plainError } from '../lib/plain-error';
import { useToast } from '../ui/toast';
import { useAsync, type AsyncState } from '../ui/use-async';
import { TemplateNeedsView } from './template-needs';
import '../templates/templates.css';
import '../solution/solution.css';
import { UNAVAILABLE, UnavailableCard, asTemplate } from './unavailable-card';

const SYSTEMS = ['Creatio', 'QuickBooks Online', 'QuickBooks Desktop'];

/** Seed §6.1's utility flows, in an operator's words. */
const UTILITY_LABEL: Record<string, string> = {
  binding: 'binding (link records, write nothing)',
  'bulk-load': 'bulk load of a date range',
  single: 'single record',
};

/** The gallery's search and filters (issue 15): words anywhere, a system, an object, a direction. */
function matches(t: TemplateInfo, q: string, system: string, object: string, direction: string): boolean {
  const text = [t.name, t.title, t.formerly, t.description, t.direction, ...t.objects].join(' ').toLowerCase();
  return (
    (!q ||
      q
        .toLowerCase()
        .split(/\s+/)
        .every((w) => text.includes(w))) &&
    (!system || t.direction.includes(system) || t.needs.includes(system)) &&
    (!object || t.objects.includes(object)) &&
    (!direction || t.direction === direction)
  );
}

function titleOf(all: TemplateInfo[], id: string): string {
  const t = all.find((x) => x.id === id);
  return t ? (t.title ?? t.name) : id;
}

export function TemplateGallery({ state }: { state: AsyncState<TemplateInfo[]> }) {
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [system, setSystem] = useState('');
  const [object, setObject] = useState('');
  const [direction, setDirection] = useState('');
  const all = useMemo(() => state.data ?? [], [state.data]);
  const objects = useMemo(() => [...new Set(all.flatMap((t) => t.objects))].sort(), [all]);
  const directions = useMemo(() => [...new Set(all.map((t) => t.direction))].sort(), [all]);
  // One check for every card; "Check again" rereads Creatio's fields now instead of the minute-old copy.
  const [refresh, setRefresh] = useState(0);
  const needs = useAsync(
    () => api.solution.preflight.query({ refresh: refresh > 0 }),
    `needs-${refresh}`,
    'check what the templates need',
  );
  const needsOf = useMemo(() => new Map((needs.data ?? []).map((r) => [r.templateId, r])), [needs.data]);
  if (state.error)
    return (
      <p role="alert" className="error-text">
        {state.error}
      </p>
    );
  if (state.loading && !state.data) return <p className="muted">Loading templates…</p>;
  if (all.length === 0) return <p className="muted">No templates are installed.</p>;
  const templates = all.filter((t) => matches(t, q, system, object, direction));
  const unavailable = UNAVAILABLE.filter((u) => matches(asTemplate(u), q, system, object, direction));

  async function use(t: TemplateInfo) {
    setBusy(t.id);
    try {
      const { id } = await api.flows.createFromTemplate.mutate({ templateId: t.id });
      window.location.hash = routeHref({ page: 'flow', flowId: id });
    } catch (e) {
      toast(plainError(e, `create a flow from "${t.name}"`), 'error');
      setBusy(null);
    }
  }

  const select = (label: string, value: string, set: (v: string) => void, options: string[], testId: string) => (
    <label className="gallery-filter">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );

  return (
    <>
      <div className="gallery-filters" role="search">
        <input
          type="search"
          placeholder="Search templates (e.g. invoice, SFAcct2QBCust)"
          aria-label="Search templates"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="template-search"
        />
        {select('System', system, setSystem, SYSTEMS, 'template-system')}
        {select('Object', object, setObject, objects, 'template-object')}
        {select('Direction', direction, setDirection, directions, 'template-direction')}
        <button
          type="button"
          className="button"
          disabled={needs.loading}
          onClick={() => setRefresh((r) => r + 1)}
          data-testid="check-needs-again"
        >
          {needs.loading ? 'Checking…' : 'Check needs again'}
        </button>
        <a className="button" href={routeHref({ page: 'solution' })} data-testid="gallery-configure-solution">
          Configure solution
        </a>
      </div>
      {templates.length + unavailable.length === 0 && (
        <p className="muted">No template matches. Clear a filter or search for less.</p>
      )}
      <ul className="card-grid" aria-label="Templates">
        {templates.map((t) => (
          <li key={t.id} className="card" data-testid={`template-${t.id}`}>
            <h3>{t.title ?? t.name}</h3>
            {t.formerly && <p className="formerly">Formerly {t.formerly}</p>}
            <p className="direction">{t.direction}</p>
            {t.pair && (
              <p className="card-meta" data-testid={`template-pair-${t.id}`}>
                Bi-directional (two flows): use it with “{titleOf(all, t.pair)}”, which syncs the other way. Changes
                Weft itself wrote are not sent back.
              </p>
            )}
            <ul className="chips" aria-label="Objects">
              {t.objects.map((o) => (
                <li key={o} className="chip">
                  {o}
                </li>
              ))}
            </ul>
            <p className="card-text">{t.description}</p>
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
            <TemplateNeedsView report={needsOf.get(t.id)} error={needs.error} />
            <button
              type="button"
              className="button primary"
              disabled={busy !== null}
              onClick={() => use(t)}
              data-testid={`use-template-${t.id}`}
            >
              {busy === t.id ? 'Creating…' : 'Use template'}
            </button>
          </li>
        ))}
        {/* What a system cannot do, among the cards an operator would look through (unavailable-card.tsx). */}
        {unavailable.map((u) => (
          <UnavailableCard key={u.id} u={u} all={all} busy={busy !== null} use={use} />
        ))}
      </ul>
    </>
  );
}
