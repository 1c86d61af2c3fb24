// Reads ahead of the consumer by at most `depth` items: the source fetches page
// k+1 while the graph processes page k, and never more (back-pressure).
export async function* prefetch<T>(source: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const ahead: Promise<IteratorResult<T>>[] = [];
  const fill = () => {
    while (ahead.length < depth + 1) ahead.push(it.next());
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
