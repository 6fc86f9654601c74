import { useEffect, useState } from 'react';
import {
  type AccountSummary,
  fetchAccounts,
  fetchOrganisations,
  fetchRoles,
  type OrganisationSummary,
  type Role,
} from './administrationApi.ts';

/** Choices for a form's select fields; empty until loaded (or if the server refuses: the form then says why on submit). */
function useLoaded<T>(
  load: (signal: AbortSignal) => Promise<readonly T[]>,
  generation: number,
): readonly T[] {
  const [items, setItems] = useState<readonly T[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load is fixed per hook below; generation reloads.
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(setItems, () => {});
    return () => controller.abort();
  }, [generation]);
  return items;
}

const OPTION_LIMIT = 200;

export function useActiveDepartments(generation = 0): readonly OrganisationSummary[] {
  return useLoaded(
    async (signal) =>
      (
        await fetchOrganisations(
          { kind: 'government-department', isActive: true, limit: OPTION_LIMIT },
          signal,
        )
      ).items,
    generation,
  );
}

export function useActiveOrganisations(generation = 0): readonly OrganisationSummary[] {
  return useLoaded(
    async (signal) => (await fetchOrganisations({ isActive: true, limit: OPTION_LIMIT }, signal)).items,
    generation,
  );
}

export function useStaffAccounts(generation = 0): readonly AccountSummary[] {
  return useLoaded(
    async (signal) =>
      (await fetchAccounts({ kind: 'staff', limit: OPTION_LIMIT }, signal)).items.filter(
        (account) => account.status === 'active',
      ),
    generation,
  );
}

export function useRoles(generation = 0): readonly Role[] {
  return useLoaded((signal) => fetchRoles(signal), generation);
}
