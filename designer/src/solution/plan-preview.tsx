// What "Configure solution" will create — each flow in the order it must first run, on which
// company, with the settings applied — and, once created, the drafts to open and publish.
import type { SolutionPlan } from '../api/api-types';
import { routeHref } from '../lib/hash-route';

export interface Created {
  id: string;
  name: string;
  order: number;
}

interface Props {
  plan: { data?: SolutionPlan; error?: string };
  ready: boolean;
  busy: boolean;
  created: Created[] | null;
  onCreate: () => void;
}

export function PlanPreview({ plan, ready, busy, created, onCreate }: Props) {
  const flows = plan.data?.flows ?? [];
  const broken = flows.some((f) => f.problems.length > 0);
  return (
    <section className="solution-section" aria-labelledby="plan-heading" data-testid="solution-plan">
      <h2 id="plan-heading">What it will create</h2>
      {!ready && <p className="muted">Choose a QuickBooks company and a direction for at least one pair of objects.</p>}
      {plan.error && (
        <p role="alert" className="error-text">
          {plan.error}
        </p>
      )}
      {ready && flows.length > 0 && (
        <ol className="plan-list">
          {flows.map((f) => (
            <li key={f.order} data-testid={`plan-flow-${f.order}`}>
              <strong>{f.name}</strong>
              {/* With several companies the name says which; with one, say it here. */}
              {!f.name.endsWith(`(${f.company})`) && <span className="muted"> on {f.company}</span>}
              {f.settings.length > 0 && <span className="plan-settings">{f.settings.join(' · ')}</span>}
              {f.problems.map((p) => (
                <span key={p} className="error-text plan-settings">
                  {p}
                </span>
              ))}
            </li>
          ))}
        </ol>
      )}
      {ready && (plan.data?.notes ?? []).length > 0 && (
        <ul className="plan-notes" data-testid="solution-notes">
          {plan.data!.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {ready && flows.length > 0 && !created && (
        <p className="muted small">
          Each flow is created as a draft from its template and named after it; nothing runs until you publish and start
          it. Run them in this order the first time, so the later ones find their customers and items bound.
        </p>
      )}
      {!created && (
        <button
          type="button"
          className="button primary"
          disabled={!ready || busy || flows.length === 0 || broken}
          onClick={onCreate}
          data-testid="solution-create"
        >
          {busy ? 'Creating…' : `Create ${flows.length} flow${flows.length === 1 ? '' : 's'}`}
        </button>
      )}
      {created && (
        <div className="plan-created" data-testid="solution-created">
          <p>
            Created {created.length} drafts. Open each to review it, then publish it; run them in this order the first
            time. They are also in <a href="#/">your flows</a>.
          </p>
          <ol className="plan-list">
            {created.map((c) => (
              <li key={c.id}>
                <a href={routeHref({ page: 'flow', flowId: c.id })} data-testid={`open-created-${c.order}`}>
                  {c.name}
                </a>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
