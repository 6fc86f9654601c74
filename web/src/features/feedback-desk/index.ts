/** The staff feedback desk's face: the only file the app shell imports from it. */
import type { Section } from '../../app/sections.ts';

export { feedbackDeskMessages } from './i18n.ts';

/** /workbench/feedback-desk: the unit's queue with time limits; `?id=` opens one request to act on. */
export const feedbackDeskSection: Section = {
  area: 'workbench',
  slug: 'feedback-desk',
  titleKey: 'feedbackDesk:section.title',
  loadPage: () => import('./DeskPage.tsx').then((module) => module.DeskPage),
};

export const feedbackDeskSections: readonly Section[] = [feedbackDeskSection];
