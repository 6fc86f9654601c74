/** The platform feature's face: the only file the app shell imports from it. */
import type { Section } from '../../app/sections.ts';

export { DeploymentProfileProvider, useDeploymentProfile } from './DeploymentProfileContext.tsx';
export type { DeploymentProfile } from './deployment.ts';
export { platformMessages } from './i18n.ts';
export { PlatformStatusCard } from './PlatformStatusCard.tsx';

export const platformStatusSection: Section = {
  area: 'dashboard',
  slug: 'platform-status',
  titleKey: 'platform:statusSection.title',
  loadPage: () => import('./PlatformStatusSection.tsx').then((module) => module.PlatformStatusSection),
};

export const platformSections: readonly Section[] = [platformStatusSection];
