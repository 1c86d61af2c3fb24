// Group commit for a statement many callers send at once: while one INSERT is on its way to
// PostgreSQL, the rows other callers hand in wait and go together in the next one. Each caller's
// promise settles when the statement holding its rows has (so "acknowledged" still means "stored").
// Why: the QuickBooks sink acknowledges every batch call as its answer arrives (issue 19, exactly-once
// effects), up to 10 at once; one statement each was 810 statements for 24,000 customers, a third of
// PostgreSQL's time in the bench and a stall of the worker in each socket write.

type Group<Row> = { rows: Row[]; done: Promise<void>; resolve: () => void; reject: (e: unknown) => void };

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
    if (!group || group.rows.length + rows.length > this.maxRows) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const done = new Promise<void>((ok, fail) => ((resolve = ok), (reject = fail)));
      group = { rows: [], done, resolve, reject };
      this.waiting.push(group);
    }
    group.rows.push(...rows);
    const done = group.done;
    this.pump();
    return done;
  }

  private pump(): void {
    if (this.sending) return;
    const group = this.waiting.shift();
    if (!group) return;
    this.sending = true;
    this.write(group.rows)
      .then(group.resolve, group.reject)
      .finally(() => {
        this.sending = false;
        this.pump();
      });
  }
}
