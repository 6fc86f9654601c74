import { requestJson } from '../../../app/api.ts';
import type { Guide, LocalisedText } from '../servicesApi.ts';

export type Answers = Record<string, unknown>;
export type ApplicationState =
  | 'draft'
  | 'submitted'
  | 'accepted'
  | 'awaiting-supplements'
  | 'approved'
  | 'rejected'
  | 'withdrawn';

export interface Application {
  id: string;
  number: string | null;
  state: ApplicationState;
  itemCode: string;
  itemVersionId: string;
  versionNumber: number;
  divisionCode: string;
  implementingOrganisationId: string;
  answers: Answers;
  submittedAt: string | null;
  acceptedAt: string | null;
  decidedAt: string | null;
  statutoryDueAt: string | null;
  promisedDueAt: string | null;
  workflowInstanceId: string | null;
  credentialIdentifier: string | null;
  rejectionReasons: string[];
  createdAt: string;
  updatedAt: string;
}

export interface StoredMaterial {
  material_key: string;
  kind: 'upload' | 'shared';
  credential_identifier: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
}

export type ApplicationWithMaterials = Application & { materials: StoredMaterial[] };

export interface Prefill {
  fields: { pointer: string; source: string; value: unknown; verified: true }[];
  unfilled: { pointer: string; source: string; reason: string }[];
  materials: {
    materialKey: string;
    credentialType: string;
    credentialIdentifier: string | null;
    isShared: boolean;
  }[];
}

export interface Upload {
  id: string;
  pointer: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export interface PublicStatus {
  number: string;
  itemCode: string;
  versionNumber: number;
  divisionCode: string;
  state: ApplicationState;
  isClockPaused: boolean;
  submittedAt: string | null;
  acceptedAt: string | null;
  decidedAt: string | null;
  statutoryDueAt: string | null;
  promisedDueAt: string | null;
}

export type MyStatus = PublicStatus & {
  id: string;
  checkCode: string;
  credentialIdentifier: string | null;
  rejectionReasons: string[];
};

/** The form of a version as the catalogue publishes it (docs/services.md, "The application form"). */
export type Condition =
  | { pointer: string; equals: unknown }
  | { pointer: string; in: unknown[] }
  | { all: Condition[] }
  | { any: Condition[] };

export type Widget = 'text' | 'textarea' | 'choice' | 'yes-no' | 'date' | 'number' | 'file';

export interface FormField {
  pointer: string;
  label: LocalisedText;
  hint?: LocalisedText;
  widget: Widget;
  options?: { value: string; label: LocalisedText }[];
  file?: { accept: string[]; maxBytes: number };
  prefill?: string;
}

export type FormPage =
  | { kind: 'question'; key: string; title: LocalisedText; showIf?: Condition; fields: FormField[] }
  | { kind: 'exit'; key: string; title: LocalisedText; message: LocalisedText; showIf: Condition };

export interface ApplicationForm {
  schema: { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  ui: { pages: FormPage[] };
}

export type GuideWithForm = Guide & { versionId: string; form: ApplicationForm };

const base = '/api/services/applications';
const of = (id: string) => `${base}/${encodeURIComponent(id)}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export function createDraft(itemCode: string, idempotencyKey: string) {
  return requestJson<Application>(base, {
    method: 'POST',
    body: { itemCode },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function fetchApplication(id: string, signal?: AbortSignal) {
  return requestJson<ApplicationWithMaterials>(of(id), withSignal(signal));
}

export function fetchDrafts(signal?: AbortSignal) {
  return requestJson<{ drafts: Application[] }>(`${base}/drafts`, withSignal(signal));
}

/** The guide and form of the version the application was made under, whatever is in force now. */
export function fetchVersionGuide(code: string, version: number, signal?: AbortSignal) {
  return requestJson<GuideWithForm>(
    `/api/services/items/${encodeURIComponent(code)}?${new URLSearchParams({ version: String(version) })}`,
    withSignal(signal),
  );
}

export function fetchPrefill(id: string, signal?: AbortSignal) {
  return requestJson<Prefill>(`${of(id)}/prefill`, withSignal(signal));
}

export function saveAnswers(id: string, answers: Answers) {
  return requestJson<Application>(`${of(id)}/answers`, { method: 'PUT', body: { answers } });
}

export function uploadFile(id: string, pointer: string, contentBase64: string) {
  return requestJson<Upload>(`${of(id)}/uploads`, { method: 'POST', body: { pointer, contentBase64 } });
}

export function discardDraft(id: string) {
  return requestJson<void>(of(id), { method: 'DELETE' });
}

export function submitApplication(id: string, idempotencyKey: string) {
  return requestJson<Application>(`${of(id)}/submission`, {
    method: 'POST',
    body: { declarationAccepted: true },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function provideSupplements(id: string, provided: { material: string; detail: string }[]) {
  return requestJson<Application>(`${of(id)}/supplements`, { method: 'POST', body: { provided } });
}

export function fetchMyStatus(number: string, signal?: AbortSignal) {
  return requestJson<MyStatus>(`${base}/${encodeURIComponent(number)}/status`, withSignal(signal));
}

export function fetchPublicStatus(number: string, checkCode: string) {
  return requestJson<PublicStatus>(
    `/api/services/application-status?${new URLSearchParams({ number, checkCode })}`,
  );
}

export function rateApplication(id: string, score: number, comment: string) {
  return requestJson<{ score: number; comment: string | null; ratedAt: string }>(`${of(id)}/rating`, {
    method: 'POST',
    body: comment.trim() ? { score, comment: comment.trim() } : { score },
  });
}

export interface ApplicationNotice {
  topic: string;
  subject: LocalisedText;
  body: LocalisedText;
  link: string | null;
  createdAt: string;
}

/**
 * Every state change of an application is sent to the applicant's inbox with a link to it (docs/services.md,
 * "Notifications"); the applications API has no history or list of submitted cases of its own yet, so the
 * tracking page and "my applications" read them from there. At most `pages` pages of 100.
 */
export async function fetchApplicationNotices(
  signal?: AbortSignal,
  pages = 10,
): Promise<ApplicationNotice[]> {
  const notices: ApplicationNotice[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < pages; page += 1) {
    const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
    const inbox: { items: ApplicationNotice[]; nextCursor: string | null } = await requestJson(
      `/api/notifications?${query}`,
      withSignal(signal),
    );
    notices.push(...inbox.items.filter((item) => item.topic.startsWith('services.application.')));
    cursor = inbox.nextCursor;
    if (!cursor) break;
  }
  return notices;
}

export const applicationPaths = {
  mine: '/services/applications',
  status: '/services/status',
  apply: (code: string) => `/services/items/${encodeURIComponent(code)}/apply`,
  tracking: (id: string) => `/services/applications/${encodeURIComponent(id)}`,
  form: (id: string, page?: string) =>
    `/services/applications/${encodeURIComponent(id)}/form${page ? `?${new URLSearchParams({ page })}` : ''}`,
} as const;
