import { type Static, Type } from 'typebox';
import { MaskedPerson } from '../people/schemas.ts';

export const SignInBody = Type.Object(
  {
    identifier: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'Resident identity number or mainland mobile number',
    }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    otp: Type.Optional(
      Type.String({ pattern: '^[0-9]{6}$', description: 'Code from the authenticator app, if enrolled' }),
    ),
  },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const SignedIn = Type.Object(
  {
    sessionId: Type.String({ format: 'uuid' }),
    accountId: Type.String({ format: 'uuid' }),
    expiresAt: Type.String({ format: 'date-time', description: 'Absolute end of the session' }),
    authenticationMethods: Type.Array(Type.String(), { description: 'pwd, and otp after a second factor' }),
    idleTimeoutSeconds: Type.Integer({ description: 'The session ends after this long without a request' }),
  },
  { $id: 'SignedIn' },
);

const SessionSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  isCurrent: Type.Boolean(),
  authenticationMethods: Type.Array(Type.String()),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time', description: 'When it ends if unused (idle or absolute)' }),
});

export const Me = Type.Object(
  {
    accountId: Type.String({ format: 'uuid' }),
    kind: Type.Union([Type.Literal('citizen'), Type.Literal('staff'), Type.Literal('enterprise')]),
    status: Type.String(),
    divisionCode: Type.String(),
    organisationId: Type.Union([Type.String(), Type.Null()]),
    person: Type.Union([MaskedPerson, Type.Null()]),
    organisation: Type.Union(
      [
        Type.Object({
          id: Type.String({ format: 'uuid' }),
          kind: Type.String(),
          nameZh: Type.String(),
          nameEn: Type.Union([Type.String(), Type.Null()]),
          creditCode: Type.Union([Type.String(), Type.Null()]),
        }),
        Type.Null(),
      ],
      { description: 'Staff: their department; enterprise accounts: the organisation they act for' },
    ),
    roles: Type.Array(Type.String()),
    secondFactor: Type.Object({
      isEnrolled: Type.Boolean(),
      isRequired: Type.Boolean({ description: 'Staff act with their grants only after the second factor' }),
      isProvenInThisSession: Type.Boolean(),
    }),
    sessions: Type.Array(SessionSummary),
  },
  { $id: 'Me' },
);

export const SignedOut = Type.Object({ endedSessions: Type.Integer({ minimum: 0 }) }, { $id: 'SignedOut' });

export const TotpEnrolment = Type.Object(
  {
    secret: Type.String({ description: 'Base32 secret, for typing into the app' }),
    otpauthUri: Type.String({ description: 'otpauth:// URI, for a QR code' }),
  },
  { $id: 'TotpEnrolment' },
);

export const TotpConfirmation = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$' }) },
  { additionalProperties: false },
);

const NewPassword = Type.String({
  maxLength: 1024,
  description: 'At least 10 characters; not a common password nor made of your own numbers',
});

export const PasswordChange = Type.Object(
  { currentPassword: Type.String({ maxLength: 1024 }), newPassword: NewPassword },
  { additionalProperties: false },
);
export type PasswordChange = Static<typeof PasswordChange>;

export const PasswordChanged = Type.Object({
  endedSessions: Type.Integer({ minimum: 0, description: 'Other sessions of the account that ended' }),
});

export const AccountParams = Type.Object({ accountId: Type.String({ format: 'uuid' }) });

export const StatedReason = Type.Object(
  {
    reason: Type.String({
      minLength: 4,
      maxLength: 500,
      description: 'Why (e.g. how the holder proved who they are); recorded in the ledger',
    }),
  },
  { additionalProperties: false },
);

export const PasswordResetIssued = Type.Object({
  resetId: Type.String({ format: 'uuid' }),
  code: Type.String({ description: 'Shown this once: give it to the holder; only its hash is kept' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const PasswordResetCompletion = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64, description: 'The reset code, dashes optional' }),
    newPassword: NewPassword,
  },
  { additionalProperties: false },
);
export type PasswordResetCompletion = Static<typeof PasswordResetCompletion>;

export const SecondFactorReset = Type.Object({
  endedSessions: Type.Integer({ minimum: 0 }),
});
