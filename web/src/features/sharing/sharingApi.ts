import { requestJson } from '../../app/api.ts';

/** The shapes of src/modules/sharing/schemas.ts that the pages use. */
export interface Party {
  id: string;
  nameZh: string;
  nameEn: string | null;
}

export interface ResourceField {
  name: string;
  type: string;
  description: string;
  grade: 'core' | 'important' | 'general';
  isPersonal: boolean;
  isSensitive: boolean;
}

export interface Resource {
  id: string;
  code: string;
  name: string;
  description: string;
  owner: Party;
  legalBasis: string;
  updateFrequency: string;
  fields: ResourceField[];
  sharingType: 'unconditional' | 'conditional' | 'not-shared';
  sharingConditions: string | null;
  notSharedReason: string | null;
  openType: 'open' | 'conditionally-open' | 'not-open';
  requiresConsent: boolean;
}

export interface SharingRequest {
  id: string;
  resource: { code: string; name: string; fields: ResourceField[] };
  consumer: Party;
  owner: Party;
  purpose: string;
  legalBasis: string;
  fields: string[];
  status: 'pending' | 'approved' | 'rejected';
  dueAt: string;
  decidedAt: string | null;
  rejectionReason: string | null;
  createdAt: string;
}

export interface Agreement {
  id: string;
  resource: { code: string; name: string };
  consumer: Party;
  owner: Party;
  fields: string[];
  maskedFields: string[];
  purposes: string[];
  validUntil: string;
  rateLimitPerMinute: number;
  status: 'active' | 'suspended' | 'revoked';
  statusReason: string | null;
}

export interface SharingSystem {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface ConsentList {
  options: {
    agreementId: string;
    resource: { code: string; name: string };
    consumer: Party;
    owner: Party;
    purposes: string[];
    fields: string[];
    validUntil: string;
  }[];
  consents: {
    id: string;
    agreementId: string;
    resource: { code: string; name: string };
    consumer: Party;
    purpose: string;
    grantedAt: string;
    revokedAt: string | null;
  }[];
}

export interface DataAccess {
  id: string;
  at: string;
  consumer: Party;
  owner: Party;
  system: string;
  resource: { code: string; name: string };
  purpose: string;
  caseNumber: string;
  fields: string[];
  ledger: {
    leafIndex: string | null;
    /** The audit event as logged (canonical JSON, base64): its hash must be the proven leaf. */
    entry: string | null;
  };
}

export interface Oversight {
  department: Party;
  resources: number;
  agreements: { active: number; suspended: number; revoked: number; expired: number; asConsumer: number };
  exchangesPerDay: { day: string; granted: number; denied: number }[];
  topConsumers: ConsumerActivity[];
  anomalies: ConsumerActivity[];
}

export interface ConsumerActivity {
  id: string;
  nameZh: string;
  nameEn: string | null;
  lastDay: number;
  dailyAverageBefore: number;
  total: number;
  isAnomalous: boolean;
}

export const fetchResources = (q: string, signal: AbortSignal) =>
  requestJson<Resource[]>(`/api/sharing/resources${q ? `?${new URLSearchParams({ q })}` : ''}`, { signal });

export const requestResource = (body: {
  resourceCode: string;
  purpose: string;
  legalBasis: string;
  fields: string[];
}) => requestJson<SharingRequest>('/api/sharing/requests', { method: 'POST', body });

export const fetchRequests = (signal: AbortSignal) =>
  requestJson<SharingRequest[]>('/api/sharing/requests', { signal });

export const approveRequest = (
  id: string,
  body: { fields: string[]; maskedFields: string[]; validUntil: string; rateLimitPerMinute?: number },
) => requestJson<SharingRequest>(`/api/sharing/requests/${id}/approval`, { method: 'POST', body });

export const rejectRequest = (id: string, reason: string) =>
  requestJson<SharingRequest>(`/api/sharing/requests/${id}/rejection`, { method: 'POST', body: { reason } });

export const fetchAgreements = (signal: AbortSignal) =>
  requestJson<Agreement[]>('/api/sharing/agreements', { signal });

export const changeAgreement = (id: string, change: 'suspend' | 'reinstate' | 'revoke', reason: string) =>
  requestJson<Agreement>(`/api/sharing/agreements/${id}/status`, {
    method: 'POST',
    body: { change, reason },
  });

export const fetchSystems = (signal: AbortSignal) =>
  requestJson<SharingSystem[]>('/api/sharing/systems', { signal });

export const registerSystem = (name: string) =>
  requestJson<SharingSystem & { apiKey: string }>('/api/sharing/systems', { method: 'POST', body: { name } });

export const fetchConsents = (signal: AbortSignal) =>
  requestJson<ConsentList>('/api/sharing/consents', { signal });

export const grantConsent = (agreementId: string, purpose: string) =>
  requestJson<{ id: string }>('/api/sharing/consents', { method: 'POST', body: { agreementId, purpose } });

export const revokeConsent = (id: string) =>
  requestJson<{ id: string }>(`/api/sharing/consents/${id}/revocation`, { method: 'POST' });

export const fetchMyAccesses = (signal: AbortSignal) =>
  requestJson<{ treeSize: string; accesses: DataAccess[] }>('/api/sharing/my-data-accesses', { signal });

export const fetchOversight = (signal: AbortSignal) =>
  requestJson<Oversight>('/api/sharing/oversight', { signal });
