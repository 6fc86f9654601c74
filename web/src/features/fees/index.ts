/** The fees feature's face: the only file the app shell imports from it. */
import type { Section } from '../../app/sections.ts';

export { feesMessages } from './i18n.ts';

/** /workbench/fees: a cashier records a fee paid at the counter. */
export const counterFeesSection: Section = {
  area: 'workbench',
  slug: 'fees',
  titleKey: 'fees:counter.title',
  loadPage: () => import('./CounterFeesPage.tsx').then((module) => module.CounterFeesPage),
};

export const feesSections: readonly Section[] = [counterFeesSection];
