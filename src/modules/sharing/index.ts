/**
 * Data sharing between departments (docs/sharing.md): the resource catalogue with its DCAT export,
 * requests and agreements, the hub that enforces them and logs every exchange in the ledger, citizens'
 * consent, and the citizen's data tracker.
 */
export {
  approveRequest,
  changeAgreement,
  rejectRequest,
  remindDueRequests,
  requestResource,
  startRequestReminders,
} from './agreements.ts';
export { loadLocalRecords, registerResource } from './catalogue.ts';
export { grantConsent } from './citizen.ts';
export { type HubAnswer, type HubQuery, queryHub } from './hub.ts';
export { DATA_SHARING_OFFICER, sharingReferenceSteps } from './reference-data.ts';
export { type SharingRouteDeps, sharingRoutes } from './routes.ts';
export { registerSystem, seedSystem } from './systems.ts';
