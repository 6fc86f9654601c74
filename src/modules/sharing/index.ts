/**
 * Data sharing between departments (docs/sharing.md): the resource catalogue with its DCAT export,
 * requests and agreements, the hub that enforces them and logs every exchange in the ledger, citizens'
 * consent, and the citizen's data tracker.
 */
export { remindDueRequests } from './agreements.ts';
export { loadLocalRecords } from './catalogue.ts';
export { type HubAnswer, type HubQuery, queryHub } from './hub.ts';
export { DATA_SHARING_OFFICER, sharingReferenceSteps } from './reference-data.ts';
export { type SharingRouteDeps, sharingRoutes } from './routes.ts';
