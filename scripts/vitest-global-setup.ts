// One embedded PostgreSQL for the whole test run (each test takes its own schema),
// exactly as `npm start` runs it: real PostgreSQL, no mocks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../engine';

let server: EmbeddedServer | null = null;
let dir = '';

export async function setup(project: TestProject): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'weft-test-pg-'));
  const port = 55_000 + Math.floor(Math.random() * 4000);
  server = await startEmbeddedPostgres(dir, port, () => undefined);
  project.provide('embeddedPostgresUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedPostgresUrl: string;
  }
}
