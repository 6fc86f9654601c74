import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { registrationBody } from './test-people.ts';

/** pg_dump of the installed PostgreSQL server (the newest, as .ci/postgres.sh picks it). */
function pgDumpPath(): string {
  const versions = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort() : [];
  const found = versions
    .map((version) => `/usr/lib/postgresql/${version}/bin/pg_dump`)
    .filter((file) => fs.existsSync(file));
  if (found.length === 0)
    throw new Error('pg_dump not found under /usr/lib/postgresql (apt-get install postgresql)');
  return found.at(-1)!;
}

describe('a dump of the whole database holds no plaintext personal data', () => {
  let t: TestApp;
  const people = [registrationBody(801, { name: '欧阳明月' }), registrationBody(802, { name: '司马光华' })];

  beforeAll(async () => {
    t = await createTestApp();
    for (const body of people) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/identity/registrations',
        payload: body,
      });
      expect(response.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('contains none of the ID numbers, phones or names, in any form the dump tool writes', async () => {
    let dump: Buffer;
    if (t.database.kind === 'pglite') {
      // The data directory itself: table and index pages and the write-ahead log.
      dump = gunzipSync(Buffer.from(await (await t.database.snapshot!()).arrayBuffer()));
    } else {
      dump = execFileSync(pgDumpPath(), ['--dbname', t.database.url!], { maxBuffer: 512 * 1024 * 1024 });
    }
    expect(dump.length).toBeGreaterThan(10_000);
    for (const person of people) {
      for (const secret of [person.residentId, person.phone, person.name]) {
        expect(dump.includes(Buffer.from(secret, 'utf8')), `${secret.slice(0, 3)}… found in the dump`).toBe(
          false,
        );
      }
    }
    // The masked forms are there, which shows the search would find text if it were present.
    expect(dump.includes(Buffer.from('139****0801', 'utf8'))).toBe(true);
  });
});
