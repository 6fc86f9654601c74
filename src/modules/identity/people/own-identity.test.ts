import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { findAccountHolderIdentity } from './own-identity.ts';
import { registrationBody } from './test-people.ts';

describe('an account holder’s own identity, for pre-filling their forms', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is the registered name, resident number and division, decrypted; an account without a person has none', async () => {
    const body = registrationBody(871, { name: '李预填' });
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/identity/registrations',
      payload: body,
    });
    expect(registered.statusCode).toBe(201);
    const deps = { db: t.database.db, vault: createVault(t.config.vaultKeys) };
    expect(await findAccountHolderIdentity(deps, registered.json().accountId)).toEqual({
      name: '李预填',
      residentId: body.residentId,
      divisionCode: body.divisionCode,
    });
    expect(await findAccountHolderIdentity(deps, randomUUID())).toBeUndefined();
  });
});
