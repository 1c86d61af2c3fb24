/** The first admin of the throw-away Weft the browser specs drive (issue 7: every page needs a signed-in person). */
export const E2E_ADMIN = { email: 'e2e-admin@weft.local', password: 'e2e admin password 1' };
