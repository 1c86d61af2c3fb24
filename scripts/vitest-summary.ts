// A vitest reporter for `npm test`: writes the failed tests, and those that passed only when
// retried, to the file WEFT_TEST_SUMMARY names, so scripts/test.mjs can name them in its last
// lines. A long run's log is often read from its tail only; "1 failed" alone sends the reader
// through half an hour of output. A retried pass is still reported: it is a defect to find.
import { writeFileSync } from 'node:fs';
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

const firstLine = (e: { message?: string } | undefined) => (e?.message ?? '').split('\n')[0].slice(0, 200);

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    const file = process.env.WEFT_TEST_SUMMARY;
    if (!file) return;
    const lines: string[] = [];
    for (const m of modules) {
      for (const e of m.errors()) lines.push(`failed: ${m.relativeModuleId}: ${firstLine(e)}`);
      for (const t of m.children.allTests()) {
        const r = t.result();
        const where = `${m.relativeModuleId} › ${t.fullName}`;
        if (r.state === 'failed') lines.push(`failed: ${where}: ${firstLine(r.errors[0])}`);
        else if (r.state === 'passed' && t.diagnostic()?.flaky)
          lines.push(`passed when retried: ${where}: ${firstLine(r.errors?.[0])}`);
      }
    }
    for (const e of unhandled) lines.push(`unhandled error: ${firstLine(e)}`);
    writeFileSync(file, lines.join('\n'));
  }
}
