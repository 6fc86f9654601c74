/** The staff workbench feature's face: the only file the app shell imports from it. */
import type { Section } from '../../app/sections.ts';

export { workbenchMessages } from './i18n.ts';

/** /workbench/cases: the handler's queue and, with ?task=<id>, one task to act on. */
export const casesSection: Section = {
  area: 'workbench',
  slug: 'cases',
  titleKey: 'workbench:cases.title',
  loadPage: () => import('./CasesPage.tsx').then((module) => module.CasesPage),
};

/** /workbench/supervision: overdue cases and per-department figures for supervisors. */
export const supervisionSection: Section = {
  area: 'workbench',
  slug: 'supervision',
  titleKey: 'workbench:supervision.title',
  loadPage: () => import('./SupervisionPage.tsx').then((module) => module.SupervisionPage),
};

export const workbenchSections: readonly Section[] = [casesSection, supervisionSection];
