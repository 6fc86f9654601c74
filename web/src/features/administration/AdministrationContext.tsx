import { createContext, use } from 'react';
import type { Administration } from './administrationApi.ts';

/** What the server said the reader may administer, fetched once by the layout for all its pages. */
export const AdministrationContext = createContext<Administration>({ sections: [], areas: [] });

export function useAdministration(): Administration {
  return use(AdministrationContext);
}
