import i18next, { type FlatNamespace, type ParseKeys } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { accountMessages } from '../features/account/index.ts';
import { administrationMessages } from '../features/administration/index.ts';
import { calendarMessages } from '../features/calendar/index.ts';
import { credentialsMessages } from '../features/credentials/index.ts';
import { feedbackMessages } from '../features/feedback/index.ts';
import { feedbackDeskMessages } from '../features/feedback-desk/index.ts';
import { feedbackLeadersMessages } from '../features/feedback-leaders/index.ts';
import { feesMessages } from '../features/fees/index.ts';
import { hotTopicsMessages } from '../features/hot-topics/index.ts';
import { ledgerMessages } from '../features/ledger/index.ts';
import { notificationsMessages } from '../features/notifications/index.ts';
import { platformMessages } from '../features/platform/index.ts';
import { applicationsMessages, servicesMessages } from '../features/services/index.ts';
import { sharingMessages } from '../features/sharing/index.ts';
import { singleSignOnMessages } from '../features/single-sign-on/index.ts';
import { workbenchMessages } from '../features/workbench/index.ts';
import { defaultLanguage, isLanguage, type Language, languages } from './languages.ts';
import { appMessages } from './messages.ts';

/** One namespace per feature, named after it, so that keys never collide as modules land. */
function resourcesFor(language: Language) {
  return {
    app: appMessages[language],
    platform: platformMessages[language],
    ledger: ledgerMessages[language],
    account: accountMessages[language],
    administration: administrationMessages[language],
    singleSignOn: singleSignOnMessages[language],
    calendar: calendarMessages[language],
    credentials: credentialsMessages[language],
    workbench: workbenchMessages[language],
    services: servicesMessages[language],
    applications: applicationsMessages[language],
    notifications: notificationsMessages[language],
    feedback: feedbackMessages[language],
    fees: feesMessages[language],
    feedbackDesk: feedbackDeskMessages[language],
    feedbackLeaders: feedbackLeadersMessages[language],
    hotTopics: hotTopicsMessages[language],
    sharing: sharingMessages[language],
  };
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    // Keys are checked by tsc; every language has the same shape by the types of the message files.
    resources: ReturnType<typeof resourcesFor>;
  }
}

/**
 * Every namespace, the shell's first. A t() bound to all of them reads keys chosen elsewhere, such
 * as the section titles that features register ('platform:statusSection.title').
 */
export const allNamespaces = [
  'app',
  'platform',
  'ledger',
  'account',
  'administration',
  'singleSignOn',
  'calendar',
  'credentials',
  'workbench',
  'services',
  'applications',
  'notifications',
  'feedback',
  'fees',
  'feedbackDesk',
  'feedbackLeaders',
  'hotTopics',
  'sharing',
] as const satisfies readonly FlatNamespace[];
export type MessageKey = ParseKeys<typeof allNamespaces>;

const storageKey = 'shuzhi.language';

function readStoredLanguage(): Language {
  try {
    const stored = localStorage.getItem(storageKey);
    return isLanguage(stored) ? stored : defaultLanguage;
  } catch {
    // Storage can be blocked (privacy settings, sandboxed frames); the default language still works.
    return defaultLanguage;
  }
}

/** Stored only when the reader chooses, so that nobody is pinned to a default that later changes. */
export async function switchLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Not remembered across visits, but the page still switches.
  }
  await i18next.changeLanguage(language);
}

export function setUpI18n(): void {
  const initialLanguage = readStoredLanguage();
  // Screen readers pick their voice from <html lang>, and the CJK font choice of the browser follows it.
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  void i18next.use(initReactI18next).init({
    resources: Object.fromEntries(languages.map((language) => [language, resourcesFor(language)])),
    lng: initialLanguage,
    fallbackLng: defaultLanguage,
    supportedLngs: languages,
    ns: allNamespaces,
    defaultNS: 'app',
    // The translations are bundled, so nothing needs to wait and the first paint is in one language.
    initAsync: false,
    // React escapes what it renders; escaping here as well would show entities such as &amp;.
    interpolation: { escapeValue: false },
  });
}
