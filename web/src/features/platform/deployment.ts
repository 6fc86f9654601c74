import { ApiError, requestJson } from '../../app/api.ts';
import type { LocalizedText } from '../../app/languages.ts';

/** GET /api/deployment: who runs this installation and how the public reaches them. */
export interface DeploymentProfile {
  name: LocalizedText;
  contact: {
    email: string;
    phone: string;
    address: LocalizedText;
    officeHours: LocalizedText;
  };
  /** A calendar date, YYYY-MM-DD. */
  accessibilityStatementUpdatedOn: string;
}

/** null while the operator has not configured a profile yet: the server answers 404 then. */
export async function findDeploymentProfile(signal: AbortSignal): Promise<DeploymentProfile | null> {
  try {
    return await requestJson<DeploymentProfile>('/api/deployment', { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
