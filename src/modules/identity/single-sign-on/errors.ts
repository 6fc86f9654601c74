import { DomainError, type FieldProblem } from '../../../platform/errors/index.ts';

export const singleSignOnErrors = {
  invalidClient: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'identity.invalid-sso-client',
      title: 'The client registration is not valid',
      detail: fields.map((field) => `${field.pointer} ${field.detail}`).join('; '),
      fields,
    }),
  unknownClient: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'identity.sso-client-not-found',
      title: 'No such client',
      detail: `There is no single sign-on client ${id} in your area.`,
    }),
  clientDisabled: (id: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'identity.sso-client-disabled',
      title: 'Client disabled',
      detail: `Client ${id} is disabled; it cannot be changed or disabled again.`,
    }),
  outsideScope: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'identity.outside-scope',
      title: 'Outside your area',
      detail: 'You hold identity.clients.manage, but not for the organisation that runs this system.',
    }),
  unknownInteraction: () =>
    new DomainError({
      kind: 'not-found',
      code: 'identity.sso-interaction-not-found',
      title: 'Sign-in request not found',
      detail:
        'This sign-in request has expired, was finished already, or was started in another browser. Go back to the service and start again.',
    }),
  signInRequired: () =>
    new DomainError({
      kind: 'unauthenticated',
      code: 'identity.sso-sign-in-required',
      title: 'Sign-in required',
      detail: 'Sign in to the platform first; then the service gets your sign-in without asking again.',
    }),
  stepUpRequired: () =>
    new DomainError({
      kind: 'unauthenticated',
      code: 'identity.sso-step-up-required',
      title: 'A stronger sign-in is required',
      detail:
        'The service asks for a sign-in with the one-time code from your authenticator app; sign in again with it.',
    }),
  wrongStep: (step: 'login' | 'consent') =>
    new DomainError({
      kind: 'conflict',
      code: 'identity.sso-interaction-wrong-step',
      title: 'Not at this step',
      detail: `This sign-in request is not waiting for ${step === 'login' ? 'a sign-in' : 'consent'}; reload the page.`,
    }),
};
