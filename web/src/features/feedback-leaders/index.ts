/** The leaders' feedback feature's face: the only file the app shell imports from it. */
import type { Section } from '../../app/sections.ts';

export { feedbackLeadersMessages } from './i18n.ts';

/** /dashboard/feedback-leaders: rates, rankings, trends, recurring problems and hot-topic alerts. */
export const feedbackLeadersSection: Section = {
  area: 'dashboard',
  slug: 'feedback-leaders',
  titleKey: 'feedbackLeaders:section.title',
  loadPage: () => import('./LeadersPage.tsx').then((module) => module.LeadersPage),
};

export const feedbackLeadersSections: readonly Section[] = [feedbackLeadersSection];
