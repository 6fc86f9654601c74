/**
 * Feedback: 12345-style requests from the public — intake from the web, phone calls and Open311,
 * routing to the responsible unit, transfers between units and their arbitration (docs/feedback.md).
 */
export { type FeedbackRouteDeps, feedbackRoutes } from './routes.ts';
