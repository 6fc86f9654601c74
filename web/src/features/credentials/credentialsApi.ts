import { requestJson } from '../../app/api.ts';

export type Verdict = 'valid' | 'invalid' | 'expired' | 'not-yet-valid' | 'suspended' | 'revoked';

export type Verification = {
  verdict: Verdict;
  reasons: string[];
  checkedAt: string;
  checked: 'presented-record' | 'stored-record' | 'nothing';
  signature: { state: 'valid' | 'invalid' | 'not-checked'; kid: string | null };
  ledger: {
    state: 'proven' | 'pending' | 'missing' | 'proof-failed' | 'not-checked';
    leafIndex?: string;
    treeSize?: string;
  };
  credential: {
    identifier: string;
    type: { code: string; nameZh: string; nameEn: string };
    issuer: { code: string; nameZh: string; nameEn: string | null };
    status: string;
    validFrom: string;
    validUntil: string | null;
    issuedAt: string;
    claims: { name: string; labelZh: string; labelEn: string; value: string }[];
  } | null;
};

export type WalletCredential = {
  identifier: string;
  type: { code: string; nameZh: string; nameEn: string };
  issuer: { code: string; nameZh: string; nameEn: string | null };
  status: 'valid' | 'expired' | 'not-yet-valid' | 'suspended' | 'revoked';
  validFrom: string;
  validUntil: string | null;
  issuedAt: string;
  isShareable: boolean;
  verifyUrl: string;
  record: string;
};

export function verifyPresented(presented: string): Promise<Verification> {
  return requestJson<Verification>('/api/credentials/verify', { method: 'POST', body: { presented } });
}

export function fetchStatus(identifier: string, signal: AbortSignal): Promise<Verification> {
  return requestJson<Verification>(`/api/credentials/${encodeURIComponent(identifier)}/status`, { signal });
}

export function fetchWallet(signal: AbortSignal): Promise<{ credentials: WalletCredential[] }> {
  return requestJson('/api/credentials/wallet', { signal });
}

export function pdfUrlOf(identifier: string): string {
  return `/api/credentials/${encodeURIComponent(identifier)}/pdf`;
}
