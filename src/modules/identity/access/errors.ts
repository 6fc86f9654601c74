import { DomainError } from '../../../platform/errors/index.ts';

export const accessErrors = {
  outsideScope: (permission: string) =>
    new DomainError({
      kind: 'forbidden',
      code: 'identity.outside-scope',
      title: 'Outside your area',
      detail: `You hold ${permission}, but not for that division or department.`,
    }),
  escalation: (missing: readonly string[]) =>
    new DomainError({
      kind: 'forbidden',
      code: 'identity.grant-exceeds-own-rights',
      title: 'Cannot grant more than you hold',
      detail: `The role includes permissions you do not hold in that scope: ${missing.join(', ')}.`,
    }),
  unknownRole: (code: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'identity.role-not-found',
      title: 'No such role',
      detail: `There is no role ${code}.`,
    }),
  unknownAccount: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'identity.account-not-found',
      title: 'No such account',
      detail: `There is no account ${id}.`,
    }),
  unknownDivision: (code: string) =>
    new DomainError({
      kind: 'invalid',
      code: 'identity.division-not-found',
      title: 'No such division',
      detail: `There is no division ${code}.`,
      fields: [{ pointer: '/divisionCode', detail: 'is not a known division code' }],
    }),
  unknownGrant: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'identity.grant-not-found',
      title: 'No such grant',
      detail: `There is no grant ${id}.`,
    }),
  alreadyRevoked: (id: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'identity.grant-already-revoked',
      title: 'Already revoked',
      detail: `Grant ${id} was already revoked.`,
    }),
  unknownPermissions: (codes: readonly string[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'identity.unknown-permission',
      title: 'Unknown permission',
      detail: `Not in the permission catalogue: ${codes.join(', ')}.`,
    }),
};
