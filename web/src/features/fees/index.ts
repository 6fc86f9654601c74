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

/** /workbench/fee-waivers: a fee supervisor waives an application's fee with the reason. */
export const feeWaiversSection: Section = {
  area: 'workbench',
  slug: 'fee-waivers',
  titleKey: 'fees:waiver.title',
  loadPage: () => import('./WaiverPage.tsx').then((module) => module.WaiverPage),
};

/** /workbench/fee-reconciliation: a cashier reconciles a day's payments against the bank statement. */
export const feeReconciliationSection: Section = {
  area: 'workbench',
  slug: 'fee-reconciliation',
  titleKey: 'fees:reconciliation.title',
  loadPage: () => import('./ReconciliationPage.tsx').then((module) => module.ReconciliationPage),
};

export const feesSections: readonly Section[] = [
  counterFeesSection,
  feeWaiversSection,
  feeReconciliationSection,
];
