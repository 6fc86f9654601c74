import { requestJson } from '../../app/api.ts';

/** The shapes of src/modules/identity/access/schemas.ts and divisions/schemas.ts that the pages use. */
export type AdministrationSection = 'divisions' | 'organisations' | 'staff' | 'roles' | 'grants' | 'calendar';

export interface Administration {
  sections: readonly AdministrationSection[];
  areas: readonly { divisionCode: string; divisionName: string }[];
}

export type OrganisationKind = 'government-department' | 'ngo' | 'enterprise' | 'public-service';
export const organisationKinds: readonly OrganisationKind[] = [
  'government-department',
  'ngo',
  'enterprise',
  'public-service',
];

export interface OrganisationSummary {
  id: string;
  kind: OrganisationKind;
  nameZh: string;
  nameEn: string | null;
  divisionCode: string;
  divisionName: string;
  parentId: string | null;
  creditCode: string | null;
  isActive: boolean;
}

export interface AccountSummary {
  id: string;
  kind: 'citizen' | 'staff' | 'enterprise';
  status: 'active' | 'disabled';
  maskedName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  divisionCode: string;
  divisionName: string;
  hasSecondFactor: boolean;
  createdAt: string;
}

export interface Permission {
  code: string;
  module: string;
  descriptionZh: string;
  descriptionEn: string;
}

export interface Role {
  code: string;
  nameZh: string;
  nameEn: string;
  isBuiltIn: boolean;
  permissions: readonly string[];
  updatedAt: string;
}

export interface GrantSummary {
  id: string;
  accountId: string;
  accountKind: string;
  maskedName: string | null;
  roleCode: string;
  roleNameZh: string;
  roleNameEn: string;
  divisionCode: string;
  divisionName: string;
  organisationId: string | null;
  organisationName: string | null;
  grantedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

export interface DivisionNode {
  code: string;
  name: string;
  level: number;
  isPlaceholder: boolean;
  childCount: number;
}

export interface DivisionDetail extends DivisionNode {
  fullName: string;
  ancestors: readonly Omit<DivisionNode, 'childCount'>[];
}

export interface DivisionMatch {
  code: string;
  name: string;
  fullName: string;
  isPlaceholder: boolean;
  level: number;
}

export interface Page<T> {
  items: readonly T[];
  nextCursor: string | null;
}

type Query = Record<string, string | number | boolean | undefined>;

function withQuery(path: string, query: Query): string {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') parameters.set(name, String(value));
  }
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

const options = (signal?: AbortSignal) => (signal ? { signal } : {});

export function fetchAdministration(signal?: AbortSignal): Promise<Administration> {
  return requestJson<Administration>('/api/identity/administration', options(signal));
}

export async function fetchChildren(code: string, signal?: AbortSignal): Promise<readonly DivisionNode[]> {
  const answer = await requestJson<{ children: DivisionNode[] }>(
    `/api/divisions/${encodeURIComponent(code)}/children`,
    options(signal),
  );
  return answer.children;
}

export function fetchDivision(code: string, signal?: AbortSignal): Promise<DivisionDetail> {
  return requestJson<DivisionDetail>(`/api/divisions/${encodeURIComponent(code)}`, options(signal));
}

export async function searchDivisions(
  query: string,
  within: string,
  signal?: AbortSignal,
): Promise<readonly DivisionMatch[]> {
  const answer = await requestJson<{ results: DivisionMatch[] }>(
    withQuery('/api/divisions', { q: query, within, limit: 20 }),
    options(signal),
  );
  return answer.results;
}

export async function fetchOrganisations(
  query: Query,
  signal?: AbortSignal,
): Promise<Page<OrganisationSummary>> {
  const answer = await requestJson<{ organisations: OrganisationSummary[]; nextCursor: string | null }>(
    withQuery('/api/identity/organisations', query),
    options(signal),
  );
  return { items: answer.organisations, nextCursor: answer.nextCursor };
}

export interface OrganisationForm {
  kind: OrganisationKind;
  nameZh: string;
  nameEn?: string;
  divisionCode: string;
  parentId?: string;
  creditCode?: string;
}

export function registerOrganisation(form: OrganisationForm): Promise<{ id: string }> {
  return requestJson('/api/identity/organisations', { method: 'POST', body: form });
}

export function changeOrganisation(
  id: string,
  change: { nameZh?: string; nameEn?: string | null; parentId?: string | null; creditCode?: string },
): Promise<unknown> {
  return requestJson(`/api/identity/organisations/${id}`, { method: 'PATCH', body: change });
}

export function deactivateOrganisation(id: string, reason: string): Promise<unknown> {
  return requestJson(`/api/identity/organisations/${id}/deactivation`, { method: 'POST', body: { reason } });
}

export async function fetchAccounts(query: Query, signal?: AbortSignal): Promise<Page<AccountSummary>> {
  const answer = await requestJson<{ accounts: AccountSummary[]; nextCursor: string | null }>(
    withQuery('/api/identity/accounts', query),
    options(signal),
  );
  return { items: answer.accounts, nextCursor: answer.nextCursor };
}

export interface StaffForm {
  organisationId: string;
  name: string;
  residentId: string;
  phone: string;
  password: string;
}

export function createStaffAccount(
  form: StaffForm,
): Promise<{ accountId: string; person: { maskedName: string } }> {
  return requestJson('/api/identity/staff', { method: 'POST', body: form });
}

export function disableAccount(id: string, reason: string): Promise<unknown> {
  return requestJson(`/api/identity/accounts/${id}/disabling`, { method: 'POST', body: { reason } });
}

export async function fetchPermissions(signal?: AbortSignal): Promise<readonly Permission[]> {
  return (await requestJson<{ permissions: Permission[] }>('/api/identity/permissions', options(signal)))
    .permissions;
}

export async function fetchRoles(signal?: AbortSignal): Promise<readonly Role[]> {
  return (await requestJson<{ roles: Role[] }>('/api/identity/roles', options(signal))).roles;
}

export function defineRole(form: {
  code: string;
  nameZh: string;
  nameEn: string;
  permissions: readonly string[];
}): Promise<unknown> {
  return requestJson('/api/identity/roles', { method: 'POST', body: form });
}

export function changeRole(
  code: string,
  change: { nameZh: string; nameEn: string; permissions: readonly string[] },
): Promise<unknown> {
  return requestJson(`/api/identity/roles/${encodeURIComponent(code)}`, { method: 'PATCH', body: change });
}

export async function fetchGrants(query: Query, signal?: AbortSignal): Promise<Page<GrantSummary>> {
  const answer = await requestJson<{ grants: GrantSummary[]; nextCursor: string | null }>(
    withQuery('/api/identity/grants', query),
    options(signal),
  );
  return { items: answer.grants, nextCursor: answer.nextCursor };
}

export interface GrantForm {
  accountId: string;
  roleCode: string;
  divisionCode: string;
  organisationId?: string;
  expiresAt?: string;
  reason: string;
}

export function grantRole(form: GrantForm): Promise<{ id: string }> {
  return requestJson('/api/identity/grants', { method: 'POST', body: form });
}

export function revokeGrant(id: string, reason: string): Promise<unknown> {
  return requestJson(`/api/identity/grants/${id}/revocation`, { method: 'POST', body: { reason } });
}
