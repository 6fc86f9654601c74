import { type Static, Type } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const Uri = Type.String({ minLength: 1, maxLength: 2000 });
const ClientKind = Type.Union([Type.Literal('confidential'), Type.Literal('public')]);

export const ClientInput = Type.Object(
  {
    nameZh: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    organisationId: Uuid,
    kind: ClientKind,
    redirectUris: Type.Array(Uri, { minItems: 1, maxItems: 20 }),
    postLogoutRedirectUris: Type.Optional(Type.Array(Uri, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type ClientInput = Static<typeof ClientInput>;

export const ClientChanges = Type.Object(
  {
    nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    nameEn: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
    redirectUris: Type.Optional(Type.Array(Uri, { minItems: 1, maxItems: 20 })),
    postLogoutRedirectUris: Type.Optional(Type.Array(Uri, { maxItems: 20 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ClientChanges = Static<typeof ClientChanges>;

export const Client = Type.Object({
  clientId: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  organisationId: Uuid,
  kind: ClientKind,
  redirectUris: Type.Array(Type.String()),
  postLogoutRedirectUris: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ClientList = Type.Object({
  clients: Type.Array(Type.Object({ ...Client.properties, organisationNameZh: Type.String() })),
});

export const ClientRegistered = Type.Object({
  clientId: Type.String(),
  clientSecret: Type.Union([Type.String(), Type.Null()], {
    description: 'Shown this once; only its hash is kept. Null for public clients.',
  }),
});

export const ClientIdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });
export const DisableInput = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);

export const InteractionParams = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });

export const Interaction = Type.Object({
  uid: Type.String(),
  prompt: Type.Union([Type.Literal('login'), Type.Literal('consent')]),
  client: Type.Object({
    clientId: Type.String(),
    name: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.Union([Type.String(), Type.Null()]),
    isFirstParty: Type.Boolean(),
  }),
  scopes: Type.Array(Type.String()),
  claims: Type.Array(Type.String()),
  hasPlatformSession: Type.Boolean(),
  isSecondFactorRequired: Type.Boolean(),
});

export const ConsentInput = Type.Object(
  { decision: Type.Union([Type.Literal('allow'), Type.Literal('deny')]) },
  { additionalProperties: false },
);

export type ConsentInput = Static<typeof ConsentInput>;

export const InteractionDone = Type.Object({
  redirectTo: Type.String({ description: 'Where the browser goes next (back into the provider).' }),
});
