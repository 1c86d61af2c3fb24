// Issue 18: Web Connector passwords could be guessed without limit (7,660 guesses in 10 s).
// Wrong passwords lock the company-file user (and, past more, the client address) as the
// sign-in does; a locked user is told `nvu`, even with the right password, until the lock
// ends; other users sign in as before. Real HTTP, real PostgreSQL for the sessions.
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { qbwcRig, type QbwcRig } from './test-qbwc';

const USERS: Record<string, string> = {
  'file-a': 'a-long-password-for-file-a',
  'file-b': 'b-long-password-for-file-b',
};
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

for (const db of testDatabases()) {
  describe(`Web Connector password guessing on ${db.name}`, () => {
    let rig: QbwcRig;
    afterEach(() => rig?.close());

    const open = (limits: { perUser: number; perClient: number; windowMs: number }) =>
      qbwcRig(db.url, testSchema('qbwcguess'), {
        signInLimits: limits,
        findLogin: async (u) => (USERS[u] ? { connectionId: `c-${u}`, password: USERS[u], companyFile: '' } : null),
      });
    const authenticate = async (user: string, password: string): Promise<string> => {
      const body =
        `<?xml version="1.0" encoding="utf-8"?><soap:Envelope ` +
        `xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><authenticate ` +
        `xmlns="http://developer.intuit.com/"><strUserName>${esc(user)}</strUserName>` +
        `<strPassword>${esc(password)}</strPassword></authenticate></soap:Body></soap:Envelope>`;
      const text = await (
        await fetch(rig.url, { method: 'POST', body, headers: { 'Content-Type': 'text/xml; charset=utf-8' } })
      ).text();
      return [...text.matchAll(/<string>([^<]*)<\/string>/g)][1][1];
    };

    it('locks a company-file user after five wrong passwords: the right one is refused alike until the lock ends', async () => {
      rig = await open({ perUser: 5, perClient: 1000, windowMs: 2000 });
      expect(await authenticate('file-a', USERS['file-a'])).toBe('none'); // right: no work queued
      for (let i = 0; i < 30; i++) expect(await authenticate('file-a', `guess-${i}`)).toBe('nvu');
      // Locked: the same answer as a wrong password, so a guesser learns nothing.
      expect(await authenticate('file-a', USERS['file-a'])).toBe('nvu');
      // Another company file's Web Connector is not affected.
      expect(await authenticate('file-b', USERS['file-b'])).toBe('none');
      // Unknown users answer the same way as known ones, and are counted the same way.
      expect(await authenticate('nobody', 'x')).toBe('nvu');
      await new Promise((r) => setTimeout(r, 2100)); // the lock's window passes
      expect(await authenticate('file-a', USERS['file-a'])).toBe('none');
    });

    it('lets a new password in at once: the lock was earned by the old one', async () => {
      rig = await open({ perUser: 5, perClient: 1000, windowMs: 60_000 });
      for (let i = 0; i < 6; i++) await authenticate('file-a', 'the old password, still in a Web Connector');
      expect(await authenticate('file-a', USERS['file-a'])).toBe('nvu');
      const before = USERS['file-a'];
      USERS['file-a'] = 'a-new-password-set-by-an-admin';
      try {
        expect(await authenticate('file-a', USERS['file-a'])).toBe('none');
      } finally {
        USERS['file-a'] = before;
      }
    });

    it('locks a client address that guesses across many users, while the users stay usable from elsewhere', async () => {
      rig = await open({ perUser: 5, perClient: 20, windowMs: 60_000 });
      for (let i = 0; i < 25; i++) expect(await authenticate(`user-${i}`, 'guess')).toBe('nvu');
      expect(await authenticate('file-b', USERS['file-b'])).toBe('nvu'); // this address is locked
      // The same user from another address (the service is told the caller's address by the router).
      expect(await rig.service.authenticate('file-b', USERS['file-b'], '192.0.2.10').then((r) => r[1])).toBe('none');
    });
  });
}
