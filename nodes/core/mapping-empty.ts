// A mapped field that came out empty on every record of a run is flagged on the node
// after the run: most often a source field renamed or mistyped, which would otherwise
// sync nothing into that field without a single failure to notice.
import { readPath } from './field-path';
import type { MappingConfig } from './mapping-config';

export class EmptyFields {
  private records = 0;
  /** Targets not yet seen with a value; once empty, the per-record check costs nothing. */
  private readonly waiting: Set<string>;

  constructor(config: MappingConfig) {
    // A fixed value is never "empty because of the source"; only copies and expressions are watched.
    // A row left empty until the analyst picks an option upstream is empty by design, not by mistake.
    const watched = config.mappings.filter((m) => m.value === undefined && !m.emptyUntilChosen);
    this.waiting = new Set(watched.map((m) => m.target));
  }

  /** One mapped record's output. */
  saw(out: Record<string, unknown>): void {
    this.records++;
    if (this.waiting.size === 0) return;
    for (const target of this.waiting) {
      const v = readPath(out, target);
      if (v !== undefined && v !== null && v !== '') this.waiting.delete(target);
    }
  }

  /** The note left on the node after the run, or null when every field had a value at least once. */
  note(): string | null {
    if (this.records === 0 || this.waiting.size === 0) return null;
    const fields = [...this.waiting];
    const n = this.records;
    const all = n === 1 ? 'the 1 record' : `all ${n} records`;
    const which =
      fields.length === 1 ? `${fields[0]} was` : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)} were`;
    return `${which} empty on ${all} of this run — check the source field${fields.length === 1 ? '' : 's'} in the mapping.`;
  }
}
