// The house rules live in the lint (eslint.config.js, scripts/lint/boundaries.mjs):
// a fixture with a forbidden import, linted as if it sat in the folder it names,
// fails with the rule's message. (The fixtures themselves are ignored by `npm run lint`.)
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../server/boot';

const eslint = new ESLint({ cwd: ROOT });

async function lintAs(fixture: string, filePath: string): Promise<{ rule: string | null; message: string }[]> {
  const text = readFileSync(new URL(`./fixtures/${fixture}`, import.meta.url), 'utf8');
  const [result] = await eslint.lintText(text, { filePath: `${ROOT}/${filePath}` });
  return result.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

describe('house rules in the lint', () => {
  it('flow/ may not import the engine', async () => {
    expect(await lintAs('flow-imports-engine.ts', 'flow/lint-fixture.ts')).toEqual([
      {
        rule: '@typescript-eslint/no-restricted-imports',
        message: expect.stringContaining('flow/ is the flow model shared by browser and server'),
      },
    ]);
  });

  it('flow/ imports nothing of ours, not even the node contract', async () => {
    const [result] = await eslint.lintText("import { registry } from '../nodes';\nexport const r = registry;\n", {
      filePath: `${ROOT}/flow/lint-fixture.ts`,
    });
    expect(result.messages.map((m) => m.message)).toEqual([expect.stringContaining('flow/ imports nothing of ours')]);
  });

  it('the designer may not import the engine, a sandbox or server/ (the API type comes through app-router)', async () => {
    const found = await lintAs('designer-imports-engine.tsx', 'designer/src/lint-fixture.tsx');
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('The designer imports the flow model (flow/), never engine/'),
      expect.stringContaining('Product code never imports the sandboxes'),
      expect.stringContaining("The designer takes the API's type from src/api/app-router.ts"),
    ]);
  });

  it('nodes/ may not use node: built-ins or `any`', async () => {
    const found = await lintAs('nodes-any.ts', 'nodes/core/lint-fixture.ts');
    expect(found.map((f) => f.rule).sort()).toEqual([
      '@typescript-eslint/no-explicit-any',
      '@typescript-eslint/no-restricted-imports',
    ]);
  });

  it('the same designer import of the flow model passes', async () => {
    const [result] = await eslint.lintText(
      "import { canConnect } from '../../flow/can-connect';\nexport const c = canConnect;\n",
      { filePath: `${ROOT}/designer/src/lint-fixture.ts` },
    );
    expect(result.messages).toEqual([]);
  });
});
