import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createVault, type Vault } from '../../platform/vault/index.ts';
import { integrateBatch, listRecordEvents, resolveLedgerKeys } from '../ledger/index.ts';
import { formatIdentifier } from './identifier.ts';
import { type IssueInput, type IssuingActor, issueCredential } from './service.ts';
import { rotateCredentialSigningKey } from './signing-keys.ts';
import {
  actorOf,
  bearerAuthenticate,
  birthCertificateClaims,
  businessLicenceClaims,
  createFixtures,
  creditCodeFor,
  type Fixtures,
} from './test-fixtures.ts';
import { readPdf } from './test-pdf.ts';

describe('credentials', () => {
  let t: TestApp;
  let vault: Vault;
  let f: Fixtures;
  const deps = () => ({ clock: t.clock, vault });
  const integrate = () => integrateBatch(t.database.db, resolveLedgerKeys(t.config), t.clock);
  const issue = (input: IssueInput, actor: IssuingActor) =>
    t.database.db.transaction().execute((tx) => issueCredential(tx, deps(), input, actor));
  const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });
  const birthCertificate = (overrides: Partial<IssueInput> = {}): IssueInput => ({
    type: 'birth-medical-certificate',
    issuerOrganisationId: f.organisations.hospital,
    holder: { kind: 'person', id: f.accounts.citizen },
    claims: birthCertificateClaims(),
    validFrom: t.clock.now(),
    ...overrides,
  });
  const businessLicence = (overrides: Partial<IssueInput> = {}): IssueInput => ({
    type: 'business-licence',
    issuerOrganisationId: f.organisations.xihuMarket,
    holder: { kind: 'organisation', id: f.organisations.enterprise },
    claims: businessLicenceClaims(creditCodeFor(2)),
    validFrom: t.clock.now(),
    sourceRecord: { type: 'services.application', id: 'application-1' },
    ...overrides,
  });
  const actionsOf = async (id: string) =>
    (await listRecordEvents(t.database.db, 'credentials.credential', id, 100)).map((e) => e.event.action);
  const verify = async (presented: string) =>
    (await t.app.inject({ method: 'POST', url: '/api/credentials/verify', payload: { presented } })).json();

  beforeAll(async () => {
    t = await createTestApp({
      authenticate: (request) => bearerAuthenticate(t.database.db, t.clock)(request),
    });
    vault = createVault(t.config.vaultKeys);
    f = await createFixtures(t.database.db, deps());
  });
  afterAll(async () => {
    await t.close();
  });

  describe('issuing', () => {
    it('signs a record, stores it encrypted and records the issue in the ledger in the same transaction', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.hospitalOfficer);
      const issued = await issue(birthCertificate(), officer);
      expect(issued.identifier).toMatch(
        /^33010601-birth-medical-certificate-[0-9A-HJKMNP-TV-Z]{10}[0-9A-Z]$/,
      );
      expect(issued.record.split('.')).toHaveLength(3);
      const stored = await sql<{
        text: string;
      }>`select row_to_json(c)::text as text from credential c where id = ${issued.id}`.execute(
        t.database.db,
      );
      // The claims (names of the child and parents) are nowhere in the row as plain text.
      expect(stored.rows[0]?.text).not.toContain('王芳');
      expect(stored.rows[0]?.text).not.toContain(issued.record);
      expect(await actionsOf(issued.id)).toEqual(['credentials.credential.issued']);
    });

    it('gives each issuing organisation its own code in its division, for good', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.xihuOfficer);
      const first = await issue(businessLicence(), officer);
      const second = await issue(businessLicence(), officer);
      expect(first.identifier.split('-')[0]).toBe('33010602');
      expect(second.identifier.split('-')[0]).toBe('33010602');
      expect(first.identifier).not.toBe(second.identifier);
    });

    it('sets the end of validity from the type, and none for types that do not expire', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.xihuOfficer);
      const permit = await issue(
        businessLicence({
          type: 'food-business-permit',
          claims: {
            operatorName: '杭州测试科技有限公司',
            creditCode: creditCodeFor(2),
            legalRepresentative: '陈一',
            premises: '文三路 1 号',
            mainBusiness: '餐饮服务经营者',
            businessItems: ['热食类食品制售'],
          },
        }),
        officer,
      );
      expect(permit.validUntil?.toISOString()).toBe('2031-11-27T01:00:00.000Z');
      expect((await issue(businessLicence(), officer)).validUntil).toBeNull();
    });

    it('reports every problem at once, with pointers, and writes nothing', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.xihuOfficer);
      const before = await sql<{ n: number }>`select count(*)::int as n from credential`.execute(
        t.database.db,
      );
      const attempt = issue(
        businessLicence({
          holder: { kind: 'person', id: f.accounts.citizen },
          claims: { ...businessLicenceClaims('not a code'), unknownClaim: 1, name: undefined },
          validUntil: new Date('2020-01-01T00:00:00Z'),
        }),
        officer,
      );
      await expect(attempt).rejects.toMatchObject({
        code: 'credentials.invalid-issue',
        fields: expect.arrayContaining([
          expect.objectContaining({ pointer: '/holder/kind' }),
          expect.objectContaining({ pointer: '/claims/creditCode' }),
          expect.objectContaining({ pointer: '/claims/unknownClaim' }),
          expect.objectContaining({ pointer: '/claims/name', detail: 'is required' }),
          expect.objectContaining({ pointer: '/validUntil' }),
        ]),
      });
      await expect(issue(businessLicence({ type: 'no-such-type' }), officer)).rejects.toMatchObject({
        code: 'credentials.invalid-issue',
        fields: [expect.objectContaining({ pointer: '/type' })],
      });
      // A hospital is not the kind of organisation that issues business licences.
      const hospitalOfficer = await actorOf(t.database.db, t.clock, f.accounts.hospitalOfficer);
      await expect(
        issue(businessLicence({ issuerOrganisationId: f.organisations.hospital }), hospitalOfficer),
      ).rejects.toMatchObject({ fields: [expect.objectContaining({ pointer: '/issuerOrganisationId' })] });
      const after = await sql<{ n: number }>`select count(*)::int as n from credential`.execute(
        t.database.db,
      );
      expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    });

    it('refuses staff without credentials.issue over the issuing organisation', async () => {
      const otherCounty = await actorOf(t.database.db, t.clock, f.accounts.binjiangOfficer);
      await expect(issue(businessLicence(), otherCounty)).rejects.toMatchObject({
        code: 'credentials.outside-scope',
      });
      const auditor = await actorOf(t.database.db, t.clock, f.accounts.xihuAuditor);
      await expect(issue(businessLicence(), auditor)).rejects.toMatchObject({
        code: 'credentials.outside-scope',
      });
    });
  });

  describe('verification', () => {
    it('says valid for an issued record, with an inclusion proof once the ledger has integrated it', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.hospitalOfficer);
      const issued = await issue(birthCertificate(), officer);
      const before = await verify(issued.record);
      expect(before).toMatchObject({
        verdict: 'valid',
        ledger: { state: 'pending' },
        signature: { state: 'valid' },
      });
      await integrate();
      const result = await verify(issued.record);
      expect(result).toMatchObject({
        verdict: 'valid',
        reasons: [],
        checked: 'presented-record',
        ledger: { state: 'proven' },
        credential: { identifier: issued.identifier, type: { code: 'birth-medical-certificate' } },
      });
      expect(result.ledger.proof).toBeInstanceOf(Array);
      expect(result.ledger.checkpointNote).toContain(`\n${result.ledger.treeSize}\n`);
      // Only disclosed claims, masked: the child's surname and the year of birth, never the parents.
      expect(result.credential.claims).toEqual([
        { name: 'childName', labelZh: '新生儿姓名', labelEn: "Child's name", value: '张*' },
        { name: 'birthDate', labelZh: '出生日期', labelEn: 'Date of birth', value: '1992' },
        { name: 'facility', labelZh: '接生机构', labelEn: 'Delivering facility', value: '西湖区妇幼保健院' },
      ]);
      expect(JSON.stringify(result)).not.toContain('王芳');
    });

    it('fails a record with one changed byte in the claims, saying the signature does not match', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.hospitalOfficer);
      const issued = await issue(birthCertificate(), officer);
      const [header, payload, signature] = issued.record.split('.') as [string, string, string];
      const json = Buffer.from(payload, 'base64url').toString('utf8').replace('"1992-03-03"', '"1992-03-04"');
      const tampered = `${header}.${Buffer.from(json).toString('base64url')}.${signature}`;
      expect(await verify(tampered)).toMatchObject({
        verdict: 'invalid',
        reasons: ['signature-invalid'],
        signature: { state: 'invalid' },
        credential: null,
      });
      // One character of the encoded payload changed.
      const at = Math.floor(payload.length / 2);
      const flipped = `${header}.${payload.slice(0, at)}${payload[at] === 'A' ? 'B' : 'A'}${payload.slice(at + 1)}.${signature}`;
      expect((await verify(flipped)).verdict).toBe('invalid');
      expect(['signature-invalid', 'malformed']).toContain((await verify(flipped)).reasons[0]);
    });

    it('verifies the QR link and a bare identifier by the stored record, and explains what is not a credential', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.hospitalOfficer);
      const issued = await issue(birthCertificate(), officer);
      await integrate();
      const link = `${t.config.publicUrl}/verify/${issued.identifier}`;
      expect(await verify(link)).toMatchObject({
        verdict: 'valid',
        checked: 'stored-record',
        ledger: { state: 'proven' },
      });
      expect(await verify(issued.identifier)).toMatchObject({ verdict: 'valid', checked: 'stored-record' });
      expect(await verify('hello')).toMatchObject({ verdict: 'invalid', reasons: ['not-a-credential'] });
      expect(await verify(`${issued.identifier.slice(0, -1)}0`)).toMatchObject({
        reasons: ['bad-identifier'],
      });
      expect(await verify('33010601-business-licence-0000000000' + '0')).toMatchObject({
        verdict: 'invalid',
      });
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/credentials/verify',
        payload: { presented: '' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
    });

    it('answers the status by identifier: 400 for a mistyped identifier, 404 for an unknown one', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.hospitalOfficer);
      const issued = await issue(birthCertificate(), officer);
      await integrate();
      const ok = await t.app.inject({ method: 'GET', url: `/api/credentials/${issued.identifier}/status` });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ verdict: 'valid', ledger: { state: 'proven' } });
      const check = issued.identifier.slice(-1);
      const mistyped = await t.app.inject({
        method: 'GET',
        url: `/api/credentials/${issued.identifier.slice(0, -1)}${check === '0' ? '1' : '0'}/status`,
      });
      expect(mistyped.statusCode).toBe(400);
      expect(mistyped.json().code).toBe('credentials.invalid-identifier');
      expect(mistyped.json().detail).toContain('bad-check-character');
      const unknown = await t.app.inject({
        method: 'GET',
        url: `/api/credentials/${formatIdentifier('33010601', 'birth-medical-certificate', '0000000000')}/status`,
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('credentials.not-found');
      const garbage = await t.app.inject({ method: 'GET', url: '/api/credentials/not-an-identifier/status' });
      expect(garbage.statusCode).toBe(400);
      expect(garbage.json().errors[0].pointer).toBe('/identifier');
    });

    it('says expired after the end of validity and invalid when the ledger lacks the issue event', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.hospitalOfficer);
      const issued = await issue(
        birthCertificate({ validUntil: new Date(t.clock.now().getTime() + 60_000) }),
        officer,
      );
      await integrate();
      t.clock.advance(120_000);
      expect(await verify(issued.record)).toMatchObject({ verdict: 'expired', reasons: ['expired'] });

      const unrecorded = await issue(birthCertificate(), officer);
      await sql`delete from ledger_pending where record_id = ${unrecorded.id}`.execute(t.database.db);
      expect(await verify(unrecorded.record)).toMatchObject({
        verdict: 'invalid',
        reasons: ['not-in-ledger'],
      });
    });

    it('publishes every key, and records signed before a rotation still verify after it', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.hospitalOfficer);
      const old = await issue(birthCertificate(), officer);
      const rotation = await rotateCredentialSigningKey(
        t.database.db,
        deps(),
        { kind: 'system', id: 'test' },
        'yearly rotation',
      );
      const fresh = await issue(birthCertificate(), officer);
      await integrate();
      const keys = (await t.app.inject({ method: 'GET', url: '/api/credentials/keys' })).json().keys;
      expect(keys.find((key: { kid: string }) => key.kid === rotation.created)).toMatchObject({
        status: 'signing',
        kty: 'OKP',
        crv: 'Ed25519',
        alg: 'EdDSA',
      });
      expect(keys.find((key: { kid: string }) => key.kid === rotation.superseded)).toMatchObject({
        status: 'verification-only',
      });
      expect(keys.every((key: Record<string, unknown>) => !('d' in key))).toBe(true);
      expect(await verify(old.record)).toMatchObject({
        verdict: 'valid',
        signature: { kid: rotation.superseded },
      });
      expect(await verify(fresh.record)).toMatchObject({
        verdict: 'valid',
        signature: { kid: rotation.created },
      });
    });

    it('lists the credential types with their claims schemas', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/credentials/types' });
      expect(response.statusCode).toBe(200);
      expect(response.json().types.map((type: { code: string }) => type.code)).toEqual([
        'birth-medical-certificate',
        'business-licence',
        'food-business-permit',
        'individual-business-licence',
        'residence-certificate',
      ]);
    });
  });

  describe('revocation and suspension', () => {
    it('lets the issuer suspend, reinstate and revoke, each audited; the verdict follows', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.xihuOfficer);
      const issued = await issue(businessLicence(), officer);
      await integrate();
      const change = (path: string, by = f.accounts.xihuOfficer, reason = 'inspection found a breach') =>
        t.app.inject({
          method: 'POST',
          url: `/api/credentials/${issued.identifier}/${path}`,
          headers: as(by),
          payload: { reason },
        });
      expect((await change('suspension')).json()).toMatchObject({ status: 'suspended' });
      expect(await verify(issued.record)).toMatchObject({ verdict: 'suspended', reasons: ['suspended'] });
      expect((await change('suspension')).statusCode).toBe(409);
      expect((await change('reinstatement')).json()).toMatchObject({ status: 'active' });
      expect((await verify(issued.record)).verdict).toBe('valid');
      expect((await change('revocation')).json()).toMatchObject({ status: 'revoked' });
      expect(await verify(issued.record)).toMatchObject({ verdict: 'revoked', reasons: ['revoked'] });
      const again = await change('reinstatement');
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('credentials.status-conflict');
      expect(await actionsOf(issued.id)).toEqual([
        'credentials.credential.issued',
        'credentials.credential.suspended',
        'credentials.credential.reinstated',
        'credentials.credential.revoked',
      ]);
    });

    it('refuses staff of another county (403), a missing reason (400) and anonymous callers (401)', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.xihuOfficer);
      const issued = await issue(businessLicence(), officer);
      const url = `/api/credentials/${issued.identifier}/revocation`;
      const other = await t.app.inject({
        method: 'POST',
        url,
        headers: as(f.accounts.binjiangOfficer),
        payload: { reason: 'not mine to revoke' },
      });
      expect(other.statusCode).toBe(403);
      expect(other.json().code).toBe('credentials.outside-scope');
      const noReason = await t.app.inject({
        method: 'POST',
        url,
        headers: as(f.accounts.xihuOfficer),
        payload: {},
      });
      expect(noReason.statusCode).toBe(400);
      expect((await t.app.inject({ method: 'POST', url, payload: { reason: 'anonymous' } })).statusCode).toBe(
        401,
      );
      const unknown = await t.app.inject({
        method: 'POST',
        url: `/api/credentials/nonsense/revocation`,
        headers: as(f.accounts.xihuOfficer),
        payload: { reason: 'typo in identifier' },
      });
      expect(unknown.statusCode).toBe(400);
    });
  });

  describe('wallet and PDF', () => {
    it('shows the citizen their own credentials newest first, and the enterprise account its organisation’s', async () => {
      const hospitalOfficer = await actorOf(t.database.db, t.clock, f.accounts.hospitalOfficer);
      t.clock.advance(1000);
      const newest = await issue(birthCertificate(), hospitalOfficer);
      const citizenWallet = await t.app.inject({
        method: 'GET',
        url: '/api/credentials/wallet',
        headers: as(f.accounts.citizen),
      });
      expect(citizenWallet.statusCode).toBe(200);
      const credentials = citizenWallet.json().credentials;
      expect(credentials[0]).toMatchObject({
        identifier: newest.identifier,
        status: 'valid',
        type: { nameZh: '出生医学证明' },
        issuer: { nameZh: '西湖区妇幼保健院' },
        verifyUrl: `${t.config.publicUrl}/verify/${newest.identifier}`,
        record: newest.record,
      });
      expect(credentials.some((c: { status: string }) => c.status === 'expired')).toBe(true);
      expect(
        credentials.every((c: { type: { code: string } }) => c.type.code === 'birth-medical-certificate'),
      ).toBe(true);

      const enterpriseWallet = (
        await t.app.inject({
          method: 'GET',
          url: '/api/credentials/wallet',
          headers: as(f.accounts.enterprise),
        })
      ).json();
      expect(enterpriseWallet.holder).toEqual({ kind: 'organisation', id: f.organisations.enterprise });
      expect(enterpriseWallet.credentials.length).toBeGreaterThan(0);
      expect(enterpriseWallet.credentials.some((c: { status: string }) => c.status === 'revoked')).toBe(true);

      const other = (
        await t.app.inject({
          method: 'GET',
          url: '/api/credentials/wallet',
          headers: as(f.accounts.otherCitizen),
        })
      ).json();
      expect(other.credentials).toEqual([]);
      expect((await t.app.inject({ method: 'GET', url: '/api/credentials/wallet' })).statusCode).toBe(401);
    });

    it('gives the PDF to the holder and the issuing area’s staff, never to another county or another citizen', async () => {
      const officer = await actorOf(t.database.db, t.clock, f.accounts.xihuOfficer);
      const issued = await issue(businessLicence(), officer);
      const pdf = (by?: string) =>
        t.app.inject({
          method: 'GET',
          url: `/api/credentials/${issued.identifier}/pdf`,
          headers: by ? as(by) : {},
        });
      const own = await pdf(f.accounts.enterprise);
      expect(own.statusCode).toBe(200);
      expect(own.headers['content-type']).toBe('application/pdf');
      expect(own.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const read = readPdf(own.rawPayload);
      expect(read.pageCount).toBe(1);
      expect(read.title).toBe(`营业执照 ${issued.identifier}`);
      expect(read.text).toContain('营业执照');
      expect(read.text).toContain('杭州测试科技有限公司');
      expect(read.text).toContain('西湖区市场监督管理局');
      expect(read.qrCodes).toEqual([`${t.config.publicUrl}/verify/${issued.identifier}`]);
      expect((await pdf(f.accounts.xihuOfficer)).statusCode).toBe(200);
      const otherCounty = await pdf(f.accounts.binjiangOfficer);
      expect(otherCounty.statusCode).toBe(403);
      expect(otherCounty.json().code).toBe('credentials.not-yours');
      expect((await pdf(f.accounts.citizen)).statusCode).toBe(403);
      expect((await pdf()).statusCode).toBe(401);
      const missing = await t.app.inject({
        method: 'GET',
        url: `/api/credentials/${formatIdentifier('33010602', 'business-licence', '0000000000')}/pdf`,
        headers: as(f.accounts.enterprise),
      });
      expect(missing.statusCode).toBe(404);
      // The officer's download is in the audit trail of the credential; the holder's is not an event.
      expect(await actionsOf(issued.id)).toEqual([
        'credentials.credential.issued',
        'credentials.credential.read',
      ]);
    });
  });
});
