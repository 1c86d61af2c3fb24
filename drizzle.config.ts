import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes the design store's migrations; they are applied at start.
export default defineConfig({
  dialect: 'sqlite',
  schema: './server/design/*.table.ts',
  out: './migrations/design',
});
