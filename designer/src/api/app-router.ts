// The API's type, by an alias: the root type check resolves `@weft/api` to the server's
// code (server/router.ts), the designer tier to its emitted declarations
// (tsconfig.api-types.json), so the designer tier needs no Node types. Type-only:
// nothing of the server reaches the bundle.
export type { AppRouter } from '@weft/api';
