#!/usr/bin/env node
// Weft's command line. TypeScript runs through tsx's loader, so there is no
// separate build step for the server, the engine or the sandboxes.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
await main(process.argv.slice(2));
