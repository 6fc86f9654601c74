import { type Static, Type } from 'typebox';

const Localized = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

export const DeploymentProfile = Type.Object(
  {
    name: Localized,
    contact: Type.Object({
      email: Type.String(),
      phone: Type.String(),
      address: Localized,
      officeHours: Localized,
    }),
    accessibilityStatementUpdatedOn: Type.String({ format: 'date' }),
  },
  { $id: 'DeploymentProfile', description: 'Who runs this deployment and how the public reaches them.' },
);
export type DeploymentProfile = Static<typeof DeploymentProfile>;
