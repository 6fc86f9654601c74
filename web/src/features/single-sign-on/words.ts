import type { Language } from '../../app/languages.ts';
import type { Interaction } from './ssoApi.ts';

/** Scopes the consent page describes in its own words; any other is named as it is. */
export const knownScopes = ['openid', 'profile', 'division', 'organisation', 'roles'] as const;

/** The client's name in the reader's language, the Chinese one when it has no English name. */
export function clientNameOf(client: Interaction['client'], language: Language): string {
  return language === 'en' && client.nameEn ? client.nameEn : client.nameZh;
}
