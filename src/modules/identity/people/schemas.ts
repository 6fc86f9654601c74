import { type Static, Type } from 'typebox';
import { DivisionCode } from '../divisions/schemas.ts';

export const RegistrationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50, description: 'Full name as on the identity card' }),
    residentId: Type.String({
      minLength: 1,
      maxLength: 40,
      description:
        'Resident identity number, 18 characters (15-digit numbers issued before 1999 are converted)',
    }),
    phone: Type.String({ minLength: 1, maxLength: 30, description: 'Mainland mobile number' }),
    password: Type.String({ maxLength: 1024, description: 'At least 10 characters; no composition rules' }),
    divisionCode: { ...DivisionCode, description: 'Division of residence' },
  },
  { additionalProperties: false },
);
export type RegistrationBody = Static<typeof RegistrationBody>;

export const MaskedPerson = Type.Object({
  maskedName: Type.String({ description: 'Surname and *' }),
  maskedResidentId: Type.String({ description: 'First three and last four characters' }),
  maskedPhone: Type.String({ description: 'First three and last four digits' }),
});
export type MaskedPerson = Static<typeof MaskedPerson>;

export const Registration = Type.Object(
  {
    accountId: Type.String({ format: 'uuid' }),
    kind: Type.Literal('citizen'),
    divisionCode: Type.String(),
    person: MaskedPerson,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Registration' },
);
export type Registration = Static<typeof Registration>;
