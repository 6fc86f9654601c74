import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { Vault } from '../../platform/vault/index.ts';
import type { AccessActor } from '../identity/index.ts';
import type { LedgerKeys } from '../ledger/index.ts';
import {
  CredentialTypes,
  IdentifierParams,
  PublishedKeys,
  ReasonBody,
  StatusChanged,
  Verification,
  VerifyBody,
  Wallet,
} from './schemas.ts';
import {
  changeCredentialStatus,
  getCredentialPdf,
  holderOfActor,
  listWallet,
  REVOKE_CREDENTIALS,
  type StatusChange,
} from './service.ts';
import { publishedKeys } from './signing-keys.ts';
import { listCredentialTypes } from './store.ts';
import { verifyIdentifier, verifyPresented } from './verification.ts';

export type CredentialsRouteDeps = {
  db: Kysely<Tables>;
  clock: Clock;
  vault: Vault;
  ledgerKeys: LedgerKeys;
  /** Where this deployment is reached; verification links in QR codes point here. */
  publicUrl: string;
};

const tags = ['credentials'];

export async function credentialsRoutes(app: FastifyInstance, deps: CredentialsRouteDeps): Promise<void> {
  app.get(
    '/api/credentials/types',
    {
      // Reference data: which credentials exist and what they say, for services and verifiers alike.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The credential types and the JSON Schema of their claims',
        response: { 200: CredentialTypes },
      },
    },
    async () => ({
      types: (await listCredentialTypes(deps.db)).map((type) => ({
        code: type.code,
        nameZh: type.name_zh,
        nameEn: type.name_en,
        issuerKind: type.issuer_kind,
        subjectKind: type.subject_kind,
        validityYears: type.validity_years,
        isShareable: type.is_shareable,
        claimsSchema: type.claims_schema,
      })),
    }),
  );

  app.get(
    '/api/credentials/keys',
    {
      // Anyone verifying a credential offline needs the public keys; superseded keys stay listed.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The Ed25519 public keys credentials are signed with (JWKS)',
        response: { 200: PublishedKeys },
      },
    },
    async (_request, reply) => {
      const keys = await publishedKeys(deps.db);
      reply.header('cache-control', 'public, max-age=300');
      return {
        keys: keys.map((key) => ({
          ...(key.jwk as { kty: 'OKP'; crv: 'Ed25519'; x: string }),
          kid: key.kid,
          alg: 'EdDSA' as const,
          use: 'sig' as const,
          status: key.supersededAt === null ? ('signing' as const) : ('verification-only' as const),
          createdAt: key.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post<{ Body: VerifyBody }>(
    '/api/credentials/verify',
    {
      // Verification is for anyone a holder shows a credential to: a clerk, a landlord, an employer.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Verify a signed record, the link of its QR code, or an identifier',
        body: VerifyBody,
        response: { 200: Verification },
      },
    },
    async (request) => verifyPresented(deps, request.body.presented),
  );

  app.get<{ Params: { identifier: string } }>(
    '/api/credentials/:identifier/status',
    {
      // What the QR code's link shows: the verdict and only non-personal or masked claims.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The status of a credential, with its signature and ledger inclusion checked',
        params: IdentifierParams,
        response: { 200: Verification },
      },
    },
    async (request) => verifyIdentifier(deps, request.params.identifier),
  );

  app.get<{ Params: { identifier: string } }>(
    '/api/credentials/:identifier/pdf',
    {
      // Checked per credential in the service: its holder, or staff of the issuing area.
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The credential as an A4 PDF with a verification QR code',
        params: IdentifierParams,
      },
    },
    async (request, reply) => {
      const { filename, pdf } = await getCredentialPdf(
        deps.db,
        deps,
        request.actor as AccessActor,
        request.params.identifier,
        request.id,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.get(
    '/api/credentials/wallet',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Your credentials (or your organisation’s, for an enterprise account), newest first',
        response: { 200: Wallet },
      },
    },
    async (request, reply) => {
      const actor = request.actor as AccessActor;
      reply.header('cache-control', 'no-store');
      return { holder: holderOfActor(actor), credentials: await listWallet(deps.db, deps, actor) };
    },
  );

  const statusRoutes: [string, StatusChange, string][] = [
    ['revocation', 'revoke', 'Revoke a credential (final)'],
    ['suspension', 'suspend', 'Suspend a credential until reinstated'],
    ['reinstatement', 'reinstate', 'Reinstate a suspended credential'],
  ];
  for (const [path, change, summary] of statusRoutes) {
    app.post<{ Params: { identifier: string }; Body: ReasonBody }>(
      `/api/credentials/:identifier/${path}`,
      {
        config: { access: { permission: REVOKE_CREDENTIALS } },
        schema: {
          tags,
          summary,
          params: IdentifierParams,
          body: ReasonBody,
          response: { 200: StatusChanged },
        },
      },
      async (request) =>
        changeCredentialStatus(
          deps.db,
          deps,
          request.actor as AccessActor,
          request.params.identifier,
          change,
          request.body.reason,
          request.id,
        ),
    );
  }
}
