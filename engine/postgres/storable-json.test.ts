// Issue 18: failed-record payloads reach jsonb whatever characters they hold, and read back as they were.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../scripts/test-databases';
import { fromStorableJson, storableJson, storableText } from './storable-json';

for (const db of testDatabases()) {
  describe(`payloads in jsonb on ${db.name}`, () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    afterAll(() => pool.end());

    it('stores NULs, broken surrogate pairs and look-alikes, and gives each string back unchanged', async () => {
      const record = {
        key: 'a\u0000b',
        data: {
          Name: 'Acme\u0000 Ltd',
          Phone: '\ud800 alone, \udc00 alone',
          Emoji: 'ok 😀',
          Mark: '\uE000 starts with the mark',
          MarkInside: 'x\uE0000041',
          Backslash: 'a real \\u0000 text',
          'Key\u0000Name': ['\u0000', { deep: '\u0000\u0000' }],
          ['__proto__']: 'own',
          Nothing: null,
          Count: 3,
        },
      };
      const { rows } = await pool.query('SELECT $1::jsonb AS v', [storableJson(record)]);
      expect(fromStorableJson(rows[0].v)).toEqual(record);
      // What PostgreSQL refuses unescaped, to show the test is about something real.
      await expect(pool.query('SELECT $1::jsonb AS v', [JSON.stringify(record)])).rejects.toThrow(
        /unsupported Unicode escape sequence|surrogate/,
      );
    });

    it('keeps ordinary payloads as JSON.stringify writes them', () => {
      const plain = { key: '1', data: { Name: 'Café — 10% off', Lines: [{ Qty: 2 }] } };
      expect(storableJson(plain)).toBe(JSON.stringify(plain));
    });

    it('stores text columns with a NUL shown as ␀', async () => {
      const { rows } = await pool.query('SELECT $1::text AS v', [storableText('Name "Acme\u0000 Ltd"')]);
      expect(rows[0].v).toBe('Name "Acme\u2400 Ltd"');
    });
  });
}
