// The header of every page but the editor: the brand (home), what page this is, the
// main places a person moves between, and their account menu. One list of places, so
// a new screen is added here once and is reachable from everywhere.
import type { ReactNode } from 'react';
import { AccountMenu } from '../account/account-menu';

const PLACES = [
  { href: '#/', label: 'Flows', testId: 'open-flows' },
  { href: '#/monitor', label: 'Monitor', testId: 'open-monitor' },
  { href: '#/review', label: 'Review queue', testId: 'open-review' },
  { href: '#/connections', label: 'Connections', testId: 'open-connections' },
];

export function PageHeader({ tag, children }: { tag: string; children?: ReactNode }) {
  const here = location.hash || '#/';
  return (
    <header className="app-header">
      <a className="brand" href="#/">
        Weft
      </a>
      <span className="brand-tag">{tag}</span>
      {children}
      <nav className="app-nav" aria-label="Main">
        {PLACES.filter((p) => p.href !== here).map((p) => (
          <a key={p.href} className="button" href={p.href} data-testid={p.testId}>
            {p.label}
          </a>
        ))}
      </nav>
      <AccountMenu />
    </header>
  );
}
