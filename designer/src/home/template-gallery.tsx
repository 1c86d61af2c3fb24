import { useMemo, useState } from 'react';
import type { TemplateInfo } from '../api/api-types';
import { api } from '../api/trpc-client';
import { routeHref } from '../lib/hash-route';
import { plainError } from '../lib/plain-error';
import { useToast } from '../ui/toast';
import { useAsync, type AsyncState } from '../ui/use-async';
import { TemplateCard } from './template-card';
import { objectLabel } from './object-label';
import '../templates/templates.css';
import '../solution/solution.css';
import { UNAVAILABLE, UnavailableCard, asTemplate } from './unavailable-card';

const SYSTEMS = ['Creatio', 'QuickBooks Online', 'QuickBooks Desktop'];

/** The gallery's search and filters (issue 15): words anywhere, a system, an object, a direction. */
function matches(t: TemplateInfo, q: string, system: string, object: string, direction: string): boolean {
  const words = [t.name, t.title, t.formerly, t.description, t.direction, ...t.objects, ...t.objects.map(objectLabel)];
  const text = words.join(' ').toLowerCase();
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

/** The id of a direction's group, for the jump line and the specs. */
const groupId = (direction: string) =>
  'gallery-group-' +
  direction
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');

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
  const objects = useMemo(
    () => [...new Set(all.flatMap((t) => t.objects))].sort((a, b) => objectLabel(a).localeCompare(objectLabel(b))),
    [all],
  );
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

  const select = (
    label: string,
    value: string,
    set: (v: string) => void,
    options: string[],
    testId: string,
    show: (o: string) => string = (o) => o,
  ) => (
    <label className="gallery-filter">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {show(o)}
          </option>
        ))}
      </select>
    </label>
  );

  // One group per direction (issue 15): 56 cards in one grid were too many to scan; the heading says where records
  // go, the jump line says how many each direction offers, and a group folds away.
  const groups = directions
    .map((d) => ({
      direction: d,
      templates: templates.filter((t) => t.direction === d),
      unavailable: unavailable.filter((u) => u.direction === d),
    }))
    .filter((g) => g.templates.length + g.unavailable.length > 0);
  const jump = (d: string) => document.getElementById(groupId(d))?.scrollIntoView({ block: 'start' });

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
        {select('Object', object, setObject, objects, 'template-object', objectLabel)}
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
      </div>
      {groups.length === 0 && <p className="muted">No template matches. Clear a filter or search for less.</p>}
      {groups.length > 1 && (
        <nav className="gallery-jump" aria-label="Template directions" data-testid="gallery-jump">
          <span className="muted">Go to:</span>
          {groups.map((g) => (
            <button key={g.direction} type="button" className="button small" onClick={() => jump(g.direction)}>
              {g.direction} ({g.templates.length})
            </button>
          ))}
        </nav>
      )}
      {groups.map((g) => (
        <details key={g.direction} open className="gallery-group" data-testid={groupId(g.direction)}>
          <summary id={groupId(g.direction)}>
            <h3>{g.direction}</h3>
            <span className="muted">
              {g.templates.length} template{g.templates.length === 1 ? '' : 's'}
            </span>
          </summary>
          <ul className="card-grid" aria-label={`Templates ${g.direction}`}>
            {g.templates.map((t) => (
              <TemplateCard
                key={t.id}
                t={t}
                pairTitle={t.pair ? titleOf(all, t.pair) : null}
                needs={needsOf.get(t.id)}
                needsError={needs.error}
                busy={busy}
                use={use}
              />
            ))}
            {/* What a system cannot do, among the cards an operator would look through (unavailable-card.tsx). */}
            {g.unavailable.map((u) => (
              <UnavailableCard key={u.id} u={u} all={all} busy={busy !== null} use={use} />
            ))}
          </ul>
        </details>
      ))}
    </>
  );
}
