// Reads ahead of the consumer by at most `depth` items: the source fetches page
// k+1 while the graph processes page k, and never more (back-pressure).
//
// Every read-ahead promise is observed the moment it is made (issue: a failed
// read-ahead page killed `weft worker`). Page k+1's read may fail while page k is
// still being processed, long before anyone awaits it; an unobserved rejection is
// "unhandled" to Node, which ends the process (--unhandled-rejections=throw, the
// default since Node 15). The failure is kept and re-thrown to the consumer when it
// reaches that page, in page order, as if the read had happened then.
export async function* prefetch<T>(source: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const ahead: Promise<IteratorResult<T>>[] = [];
  const fill = () => {
    while (ahead.length < depth + 1) ahead.push(observed(it.next()));
  };
  try {
    fill();
    for (;;) {
      const r = await ahead.shift()!;
      if (r.done) return;
      fill();
      yield r.value;
    }
  } finally {
    // Let pending reads settle before closing the source, so a connector never
    // sees return() while its next() is still running.
    await Promise.allSettled(ahead);
    await it.return?.();
  }
}

/** The same promise, with a handler attached now: awaiting it later still throws its error. */
export function observed<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
