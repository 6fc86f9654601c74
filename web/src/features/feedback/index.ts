/** The feedback feature's face: the only file the app shell imports from it. */
import type { Section } from '../../app/sections.ts';

export { feedbackMessages } from './i18n.ts';

export const feedbackSection: Section = {
  area: 'portal',
  slug: 'feedback',
  titleKey: 'feedback:section.title',
  loadPage: () => import('./FeedbackPage.tsx').then((module) => module.FeedbackPage),
};

export const feedbackSections: readonly Section[] = [feedbackSection];
