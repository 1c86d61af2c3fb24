// The error catalogue at #/errors (issue 16): every error a failed record can carry — Weft's,
// QuickBooks Online's, qbXML's, the Web Connector's, Creatio's, the QuickBooks application's and
// the old hosted service's — with meaning, corrective action and the vendor document, searchable.
// `#/errors/<id>` opens one entry (each failed record links to its own).
import { useEffect, useMemo, useState } from 'react';
import {
  catalogueEntry,
  searchCatalogue,
  type CatalogueEntry,
  type ErrorSystem,
} from '../../../nodes/errors/catalogue';
import { PageHeader } from '../ui/page-header';
import { GUIDES } from '../guide/guides';
import './errors.css';

const SYSTEMS: Record<ErrorSystem, string> = {
  weft: 'Weft',
  'quickbooks-online': 'QuickBooks Online',
  qbxml: 'QuickBooks Desktop (qbXML status)',
  'web-connector': 'Web Connector (HRESULT)',
  'quickbooks-desktop': 'QuickBooks Desktop application',
  creatio: 'Creatio',
  interweave: 'The old hosted service',
};

export function ErrorsPage({ entryId }: { entryId: string | null }) {
  const [query, setQuery] = useState('');
  const found = useMemo(() => searchCatalogue(query), [query]);
  const chosen = entryId ? catalogueEntry(entryId) : undefined;
  useEffect(() => {
    if (chosen) document.getElementById(`entry-${chosen.id}`)?.scrollIntoView({ block: 'center' });
  }, [chosen]);
  const groups = Object.keys(SYSTEMS)
    .map((s) => ({ system: s as ErrorSystem, entries: found.filter((e) => e.system === s) }))
    .filter((g) => g.entries.length > 0);
  return (
    <div className="home">
      <PageHeader tag="Error catalogue" />
      <main className="doc-main errors-main">
        <div className="errors-search">
          <h1>Error catalogue</h1>
          <input
            type="search"
            placeholder="Search by code or words, e.g. 6240, duplicate, 0x80040414, single-user"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-label="Search the error catalogue"
            data-testid="errors-search"
            autoFocus
          />
          <span className="muted small">
            {found.length} entr{found.length === 1 ? 'y' : 'ies'}
          </span>
        </div>
        {groups.map((g) => (
          <section key={g.system} aria-labelledby={`sys-${g.system}`}>
            <h2 id={`sys-${g.system}`}>{SYSTEMS[g.system]}</h2>
            <div className="entries">
              {g.entries.map((e) => (
                <Entry key={e.id} e={e} chosen={e.id === chosen?.id} />
              ))}
            </div>
          </section>
        ))}
        {groups.length === 0 && <p className="muted">Nothing matches "{query}". Try a code alone, e.g. 3100.</p>}
      </main>
    </div>
  );
}

function Entry({ e, chosen }: { e: CatalogueEntry; chosen: boolean }) {
  const guide = e.guide ? GUIDES.find((g) => g.name === e.guide) : undefined;
  return (
    <article id={`entry-${e.id}`} className={`entry${chosen ? ' chosen' : ''}`} data-testid="error-entry">
      <h3>
        <a href={`#/errors/${e.id}`}>
          <code>{e.code}</code> {e.title}
        </a>
      </h3>
      <p>{e.meaning}</p>
      <p>
        <strong>What to do:</strong> {e.action}
      </p>
      <p className="muted small">
        {guide && (
          <>
            Guide: <a href={`#/guide/${guide.name}`}>{guide.title}</a> ·{' '}
          </>
        )}
        Source: {e.source}
      </p>
    </article>
  );
}
