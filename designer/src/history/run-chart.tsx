// Records read and records failed per run, over time (issue 16): a plain SVG, no
// chart library. One bar pair per run, oldest left; the run picked is outlined; a dry
// run's bars are hatched (it wrote nothing).
import type { ChartPoint } from './history-types';

const W = 900;
const H = 160;
const PAD = { left: 44, right: 8, top: 10, bottom: 22 };

export function RunChart({
  points,
  selected,
  onPick,
}: {
  points: ChartPoint[];
  selected: string | null;
  onPick: (runId: string) => void;
}) {
  if (points.length === 0) return <p className="muted">No runs yet: the chart fills as the flow runs.</p>;
  const max = Math.max(1, ...points.map((p) => p.read));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  // A run's slot: at most 48 px, so a flow with few runs shows narrow bars, not wall-to-wall blocks.
  const slot = Math.min(48, plotW / points.length);
  const bar = Math.max(2, Math.min(18, slot / 2 - 1));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const first = new Date(points[0].at).toLocaleDateString();
  const last = new Date(points.at(-1)!.at).toLocaleDateString();
  const ticks = [0, max / 2, max].map((v) => Math.round(v));
  return (
    <svg
      className="run-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Records read and failed in the last ${points.length} runs`}
      data-testid="run-chart"
    >
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="chart-grid" />
          <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="chart-label">
            {t}
          </text>
        </g>
      ))}
      {points.map((p, i) => {
        const x = PAD.left + i * slot + slot / 2;
        return (
          <g
            key={p.runId}
            className={`chart-run${p.runId === selected ? ' picked' : ''}${p.dryRun ? ' dry' : ''}`}
            onClick={() => onPick(p.runId)}
            data-testid={`chart-run-${p.runId}`}
          >
            <title>
              {`${p.dryRun ? 'Dry run, wrote nothing — ' : ''}${new Date(p.at).toLocaleString()}: ` +
                `${p.read} read, ${p.failed} failed`}
            </title>
            <rect x={x - slot / 2} y={PAD.top} width={slot} height={plotH} className="chart-hit" />
            <rect
              x={x - bar}
              y={y(p.read)}
              width={bar}
              height={Math.max(0, plotH + PAD.top - y(p.read))}
              className="chart-read"
            />
            <rect
              x={x}
              y={y(p.failed)}
              width={bar}
              height={Math.max(0, plotH + PAD.top - y(p.failed))}
              className="chart-failed"
            />
          </g>
        );
      })}
      <text x={PAD.left} y={H - 6} className="chart-label">
        {first === last ? first : `${first} – ${last}`}
      </text>
      <defs>
        {/* Dry runs are hatched and faded: they wrote nothing, so they must not pass for real runs. */}
        <pattern id="chart-dry-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" fill="#fff" />
          <line x1="0" y1="0" x2="0" y2="4" stroke="#94a3b8" strokeWidth="2" />
        </pattern>
      </defs>
      <g transform={`translate(${W - 290}, 4)`} className="chart-label">
        <rect width="10" height="10" className="chart-read" />
        <text x="14" y="9">
          records read
        </text>
        <rect x="100" width="10" height="10" className="chart-failed" />
        <text x="114" y="9">
          failed
        </text>
        <rect x="160" width="10" height="10" fill="url(#chart-dry-hatch)" stroke="#94a3b8" />
        <text x="174" y="9">
          dry run (wrote nothing)
        </text>
      </g>
    </svg>
  );
}
