import type { AdministrationSection } from './administrationApi.ts';

/** Addresses of the administration pages, linked from manuals and training material: keep them stable. */
export const administrationPaths: Record<AdministrationSection, string> & {
  root: string;
  ssoClients: string;
} = {
  root: '/admin',
  divisions: '/admin/divisions',
  organisations: '/admin/organisations',
  staff: '/admin/staff',
  roles: '/admin/roles',
  grants: '/admin/grants',
  // The working-day calendar page belongs to the calendar feature; the navigation keeps its place.
  calendar: '/admin/calendar',
  // The single sign-on clients page belongs to the OIDC feature; the navigation keeps its place.
  ssoClients: '/admin/sso-clients',
};

/** Moves focus after React has drawn the change, e.g. back to the button that opened a closed panel. */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
