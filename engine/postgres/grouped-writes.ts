// Group commit for a statement many callers send at once: while one INSERT is on its way to
// PostgreSQL, the rows other callers hand in wait and go together in the next one. Each caller's
// promise settles when the statement holding its rows has (so "acknowledged" still means "stored").
// Why: the QuickBooks sink acknowledges every batch call as its answer arrives (issue 19, exactly-once
// effects), up to 10 at once; one statement each was 810 statements for 24,000 customers, a third of
// PostgreSQL's time in the bench and a stall of the worker in each socket write.
// A grouped statement that fails is sent again caller by caller, so a row PostgreSQL refuses fails its
// own caller (its batch, in its run) and never the other runs' acknowledgements that waited beside it.

type Part<Row> = { rows: Row[]; resolve: () => void; reject: (e: unknown) => void };
type Group<Row> = { parts: Part<Row>[]; size: number };

export class GroupedWrites<Row> {
  private sending = false;
  /** Groups waiting their turn, oldest first; only the last one still takes rows. */
  private readonly waiting: Group<Row>[] = [];

  /** `write` sends one statement for the rows given; `maxRows` bounds one statement's rows. */
  constructor(
    private readonly write: (rows: Row[]) => Promise<void>,
    private readonly maxRows = 1_000,
  ) {}

  /** Resolves once `rows` are written; rejects with the error of the statement that held them. */
  add(rows: Row[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    let group = this.waiting.at(-1);
    if (!group || group.size + rows.length > this.maxRows) {
      group = { parts: [], size: 0 };
      this.waiting.push(group);
    }
    const done = new Promise<void>((resolve, reject) => group.parts.push({ rows, resolve, reject }));
    group.size += rows.length;
    this.pump();
    return done;
  }

  private pump(): void {
    if (this.sending) return;
    const group = this.waiting.shift();
    if (!group) return;
    this.sending = true;
    void this.send(group).finally(() => {
      this.sending = false;
      this.pump();
    });
  }

  private async send({ parts }: Group<Row>): Promise<void> {
    try {
      await this.write(parts.length === 1 ? parts[0].rows : parts.flatMap((p) => p.rows));
      for (const p of parts) p.resolve();
    } catch (e) {
      if (parts.length === 1) return parts[0].reject(e);
      for (const p of parts) await this.write(p.rows).then(p.resolve, p.reject);
    }
  }
}
