// In-product guides for operators at #/guide/<name> (issue 16): daily flow management,
// catching up, connection troubleshooting, single-user mode; each error catalogue entry
// and the failed records drawer link here.
import { PageHeader } from '../ui/page-header';
import { GUIDES } from './guides';
import { MiniMarkdown } from './mini-markdown';
import '../errors/errors.css';

export function GuidePage({ name }: { name: string | null }) {
  const guide = GUIDES.find((g) => g.name === name) ?? null;
  return (
    <div className="home">
      <PageHeader tag="Guides" />
      <main className="doc-main">
        <nav className="doc-nav" aria-label="Guides">
          <h2>Guides</h2>
          <ul>
            {GUIDES.map((g) => (
              <li key={g.name}>
                <a href={`#/guide/${g.name}`} aria-current={g.name === name ? 'page' : undefined}>
                  {g.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <article className="doc-body" data-testid="guide">
          {guide ? (
            <MiniMarkdown text={guide.text} />
          ) : (
            <>
              <h1>Guides for operators</h1>
              <p>{name ? `There is no guide "${name}". ` : ''}Pick one on the left.</p>
            </>
          )}
        </article>
      </main>
    </div>
  );
}
