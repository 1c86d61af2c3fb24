// Every problem of the draft (the same validateFlow the server runs). Click
// one to select and show the step it names.
import type { Problem } from '../../../flow/validate-flow';

export function ProblemsPanel({ problems, onPick }: { problems: Problem[]; onPick: (nodeId: string) => void }) {
  return (
    <section className="bottom-panel" aria-labelledby="problems-heading" data-testid="problems-panel">
      <h2 id="problems-heading" className="panel-title">
        {problems.length === 0 ? 'No problems' : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}
      </h2>
      {problems.length === 0 ? (
        <p className="muted small">The flow is complete: it can be saved, run and published.</p>
      ) : (
        <ul className="problem-list">
          {problems.map((p, i) => (
            <li key={`${i}-${p.message}`}>
              {p.nodeId ? (
                <button
                  type="button"
                  className="problem problem-link"
                  onClick={() => onPick(p.nodeId!)}
                  data-testid="problem"
                >
                  <code>{p.nodeId}</code> {p.message}
                </button>
              ) : (
                <span className="problem" data-testid="problem">
                  {p.message}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
