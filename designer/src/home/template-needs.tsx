// What a template needs, checked against this workspace's systems (issue 15): shown on
// each gallery card, so an analyst sees before "Use template" that a Creatio field is
// missing, a connection is to make first, or a flow is to run first — with the next step.
import type { TemplateNeeds } from '../api/api-types';

const MARK = { true: '✓', false: '✗', null: '?' } as const;

export function TemplateNeedsView({ report, error }: { report: TemplateNeeds | undefined; error: string | null }) {
  if (error) return <p className="card-meta muted">{error}</p>;
  if (!report) return <p className="card-meta muted">Checking what it needs…</p>;
  // What is missing first, then what cannot be checked yet; what is in place folds away.
  const todo = report.needs.filter((n) => n.ok === false);
  const unknown = report.needs.filter((n) => n.ok === null);
  const fine = report.needs.filter((n) => n.ok === true);
  return (
    <div className="needs" data-testid={`needs-${report.templateId}`}>
      <p className={report.ok ? 'needs-ready' : 'needs-todo'}>
        {!report.ok
          ? `Before you use it (${todo.length} to do):`
          : unknown.length
            ? 'Nothing missing that Weft could check; still to check:'
            : 'Ready: what it needs is in place.'}
      </p>
      {todo.length + unknown.length > 0 && (
        <ul className="needs-list">
          {[...todo, ...unknown].map((n) => (
            <li key={n.kind + n.what} className={n.ok === false ? 'need-missing' : 'need-unknown'}>
              <span aria-hidden="true">{MARK[String(n.ok) as keyof typeof MARK]}</span>
              <span>
                {n.message}
                {n.action && <span className="need-action"> {n.action}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {fine.length > 0 && (
        <details className="needs-fine">
          <summary>
            {fine.length} of {report.needs.length} checks pass
          </summary>
          <ul className="needs-list">
            {fine.map((n) => (
              <li key={n.kind + n.what}>
                <span aria-hidden="true">✓</span>
                <span>{n.message}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
