/** The feedback feature's face: the only file the app shell imports from it. */
import type { Section } from '../../app/sections.ts';

export { feedbackMessages } from './i18n.ts';

export const feedbackSection: Section = {
  area: 'portal',
  slug: 'feedback',
  titleKey: 'feedback:section.title',
  loadPage: () => import('./FeedbackPage.tsx').then((module) => module.FeedbackPage),
};

/** /services/feedback-track: the citizen's own requests, answers, rating and reopening. */
export const feedbackTrackSection: Section = {
  area: 'portal',
  slug: 'feedback-track',
  titleKey: 'feedback:track.title',
  loadPage: () => import('./TrackPage.tsx').then((module) => module.TrackPage),
};

/** /services/feedback-public: every request and its answers without personal data, with a sketch map. */
export const feedbackPublicSection: Section = {
  area: 'portal',
  slug: 'feedback-public',
  titleKey: 'feedback:public.title',
  loadPage: () => import('./PublicRequestsPage.tsx').then((module) => module.PublicRequestsPage),
};

export const feedbackSections: readonly Section[] = [
  feedbackSection,
  feedbackTrackSection,
  feedbackPublicSection,
];
