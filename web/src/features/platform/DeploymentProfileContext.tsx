import { createContext, type ReactNode, use, useEffect, useState } from 'react';
import { type DeploymentProfile, findDeploymentProfile } from './deployment.ts';

const DeploymentProfileContext = createContext<DeploymentProfile | null>(null);

/** Loads the profile once per visit: it changes when an operator edits it, not while someone reads. */
export function DeploymentProfileProvider({ children }: { children: ReactNode }) {
  const [profile, setProfile] = useState<DeploymentProfile | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    findDeploymentProfile(controller.signal).then(setProfile, (error: unknown) => {
      // The shell works without a profile; it only loses the operator's name and contact block.
      if (!controller.signal.aborted) console.warn('Deployment profile unavailable:', error);
    });
    return () => controller.abort();
  }, []);

  return <DeploymentProfileContext value={profile}>{children}</DeploymentProfileContext>;
}

/** null until loaded, and for good when the deployment has no profile. */
export function useDeploymentProfile(): DeploymentProfile | null {
  return use(DeploymentProfileContext);
}
