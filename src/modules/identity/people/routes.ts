import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { IdempotencyHeaders } from '../../../platform/idempotency/index.ts';
import { MANAGE_ACCOUNTS } from '../access/accounts.ts';
import type { AccessActor } from '../access/actor.ts';
import { findOwnMaskedEmail, setOwnEmailAddress } from './email-address.ts';
import { createEnterpriseAccount, type EnterpriseAccountInput, getEnterpriseAccount } from './enterprise.ts';
import { type PeopleDeps, registerCitizen } from './registration.ts';
import { REVEAL_PERSONAL_DATA, type RevealableField, revealPersonalField } from './reveal.ts';
import { MaskedPerson, Registration, RegistrationBody } from './schemas.ts';
import { createStaffAccount, type StaffAccountInput } from './staff.ts';

const RevealParams = Type.Object({ accountId: Type.String({ format: 'uuid' }) });
const RevealBody = Type.Object(
  {
    field: Type.Union([Type.Literal('name'), Type.Literal('residentId'), Type.Literal('phone')]),
    reason: Type.String({
      minLength: 4,
      maxLength: 500,
      description: 'Why the full value is needed; recorded in the ledger',
    }),
  },
  { additionalProperties: false },
);
const Revealed = Type.Object({ field: Type.String(), value: Type.String() });
const StaffAccountBody = Type.Object(
  {
    organisationId: Type.String({
      format: 'uuid',
      description: 'The department the member of staff belongs to',
    }),
    name: RegistrationBody.properties.name,
    residentId: RegistrationBody.properties.residentId,
    phone: RegistrationBody.properties.phone,
    password: Type.String({ maxLength: 1024, description: 'Initial password, handed over in person' }),
  },
  { additionalProperties: false },
);
const StaffAccount = Type.Object({
  accountId: Type.String({ format: 'uuid' }),
  kind: Type.Literal('staff'),
  organisationId: Type.String({ format: 'uuid' }),
  divisionCode: Type.String(),
  person: MaskedPerson,
});

const EnterpriseAccountBody = Type.Object(
  {
    organisationId: Type.String({
      format: 'uuid',
      description: 'The enterprise, NGO or public-service company the account acts for',
    }),
    password: Type.String({ maxLength: 1024, description: 'Initial password, handed over in person' }),
  },
  { additionalProperties: false },
);
const CreatedEnterpriseAccount = Type.Object({
  accountId: Type.String({ format: 'uuid' }),
  kind: Type.Literal('enterprise'),
  organisationId: Type.String({ format: 'uuid' }),
  creditCode: Type.String({ description: 'The sign-in identifier of the account' }),
  divisionCode: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
const EnterpriseAccountParams = Type.Object({ organisationId: Type.String({ format: 'uuid' }) });
const EnterpriseAccount = Type.Object({
  accountId: Type.String({ format: 'uuid' }),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  organisation: Type.Object({
    id: Type.String({ format: 'uuid' }),
    kind: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.Union([Type.String(), Type.Null()]),
    creditCode: Type.String(),
    divisionCode: Type.String(),
  }),
});

const EmailBody = Type.Object(
  {
    email: Type.Union([Type.String({ maxLength: 254 }), Type.Null()], {
      description: 'Where notifications are e-mailed; null removes it',
    }),
  },
  { additionalProperties: false },
);
const MaskedEmail = Type.Object({
  maskedEmail: Type.Union([Type.String(), Type.Null()], { description: 'e.g. z***@example.cn' }),
});

export async function peopleRoutes(app: FastifyInstance, deps: PeopleDeps): Promise<void> {
  app.get(
    '/api/identity/me/email',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['identity'],
        summary: 'Your e-mail address for notifications, masked',
        response: { 200: MaskedEmail },
      },
    },
    async (request) => ({
      maskedEmail: await findOwnMaskedEmail(deps.db, (request.actor as AccessActor).accountId),
    }),
  );
  app.put<{ Body: { email: string | null } }>(
    '/api/identity/me/email',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['identity'],
        summary: 'Set or remove your e-mail address for notifications (stored encrypted)',
        body: EmailBody,
        response: { 200: MaskedEmail },
      },
    },
    async (request) => setOwnEmailAddress(deps, request.actor as AccessActor, request.body.email, request.id),
  );

  app.post<{ Body: RegistrationBody; Headers: { 'idempotency-key'?: string } }>(
    '/api/identity/registrations',
    {
      // Anyone may register as a citizen; the resident identity number is checked, and one person
      // gets one account.
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Register as a citizen (send an Idempotency-Key so that a retry never registers twice)',
        headers: IdempotencyHeaders,
        body: RegistrationBody,
        response: { 200: Registration, 201: Registration },
      },
    },
    async (request, reply) => {
      const outcome = await registerCitizen(deps, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
        requestId: request.id,
      });
      if (outcome.isReplay) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(outcome.registration);
    },
  );

  app.post<{ Body: StaffAccountInput }>(
    '/api/identity/staff',
    {
      config: { access: { permission: MANAGE_ACCOUNTS } },
      schema: {
        tags: ['identity'],
        summary: 'Create the account of a member of staff in a department of your area',
        body: StaffAccountBody,
        response: { 201: StaffAccount },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createStaffAccount(deps, request.actor as AccessActor, request.body, request.id)),
  );

  app.post<{ Body: EnterpriseAccountInput }>(
    '/api/identity/enterprise-accounts',
    {
      config: { access: { permission: MANAGE_ACCOUNTS } },
      schema: {
        tags: ['identity'],
        summary:
          'Create the enterprise account of an organisation in your area; it signs in with the credit code',
        body: EnterpriseAccountBody,
        response: { 201: CreatedEnterpriseAccount },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createEnterpriseAccount(deps, request.actor as AccessActor, request.body, request.id)),
  );

  app.get<{ Params: { organisationId: string } }>(
    '/api/identity/enterprise-accounts/:organisationId',
    {
      // The organisation's own enterprise account, or an officer with identity.accounts.read over it:
      // the service checks which, per object.
      config: { access: 'signed-in' },
      schema: {
        tags: ['identity'],
        summary: "An organisation's enterprise account (the organisation itself, or an officer over it)",
        params: EnterpriseAccountParams,
        response: { 200: EnterpriseAccount },
      },
    },
    async (request) =>
      getEnterpriseAccount(deps, request.actor as AccessActor, request.params.organisationId),
  );

  app.post<{ Params: { accountId: string }; Body: { field: RevealableField; reason: string } }>(
    '/api/identity/people/:accountId/reveal',
    {
      config: { access: { permission: REVEAL_PERSONAL_DATA } },
      schema: {
        tags: ['identity'],
        summary: 'Show one personal field in full, for a stated reason that is recorded in the ledger',
        params: RevealParams,
        body: RevealBody,
        response: { 200: Revealed },
      },
    },
    async (request, reply) => {
      const value = await revealPersonalField(deps, request.actor as AccessActor, {
        accountId: request.params.accountId,
        field: request.body.field,
        reason: request.body.reason,
        requestId: request.id,
      });
      // A revealed value must not linger in a shared cache or the browser's history.
      reply.header('cache-control', 'no-store');
      return { field: request.body.field, value };
    },
  );
}
