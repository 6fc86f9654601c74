/** Fees of applications: payment orders from the guide, the counter provider, waivers, reconciliation (docs/services.md). */
export { counterProvider, type PaymentProvider } from './provider.ts';
export { feeReferenceSteps } from './reference-data.ts';
export { type FeeRouteDeps, feeRoutes } from './routes.ts';
export { COLLECT_FEES, feeApprovalGate, recordCounterPayment, WAIVE_FEES, waiveFee } from './service.ts';
