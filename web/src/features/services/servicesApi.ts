import { requestJson } from '../../app/api.ts';

export type LocalisedText = { zh: string; en: string };

export const itemTypes = [
  'licence',
  'confirmation',
  'payment',
  'award',
  'adjudication',
  'other-power',
  'public-service',
] as const;
export const applicantTypes = ['person', 'organisation', 'both'] as const;

export interface ImplementationSummary {
  divisionCode: string;
  divisionName: string;
  organisationId: string;
  organisationNameZh: string;
  organisationNameEn: string | null;
  promisedLimitDays: number;
  isOnlineEnabled: boolean;
}

export interface ListedItem {
  code: string;
  type: (typeof itemTypes)[number];
  level: string;
  nameZh: string;
  nameEn: string;
  applicantType: (typeof applicantTypes)[number];
  versionNumber: number;
  statutoryLimitDays: number;
  promisedLimitDays: number;
  maxInPersonVisits: number;
  isFree: boolean;
  isNameMatch: boolean;
  implementation: ImplementationSummary | null;
}

export interface ItemList {
  items: ListedItem[];
  total: number;
}

export interface Material {
  key: string;
  name: LocalisedText;
  forms: ('original' | 'copy' | 'electronic')[];
  count: number;
  source: LocalisedText;
  templateRef?: string;
  requirement: 'required' | 'conditional';
  condition?: LocalisedText;
  obtainableBySharing?: { credentialType: string };
}

export interface Guide {
  code: string;
  type: ListedItem['type'];
  level: string;
  handling: 'new' | 'change' | 'renew' | 'cancel' | 'reissue' | null;
  versionNumber: number;
  status: string;
  publishedAt: string;
  isCurrent: boolean;
  nameZh: string;
  nameEn: string;
  applicantType: ListedItem['applicantType'];
  statutoryLimitDays: number;
  promisedLimitDays: number;
  maxInPersonVisits: number;
  isFree: boolean;
  guide: {
    settingBasis: { law: LocalisedText; article: string }[];
    implementingBasis: { law: LocalisedText; article: string }[];
    conditions: LocalisedText[];
    prohibitedCases: LocalisedText[];
    materials: Material[];
    processSteps: LocalisedText[];
    fees: { name: LocalisedText; amountYuan: string; basis: LocalisedText }[];
    result: {
      name: LocalisedText;
      credentialType: string | null;
      validity: LocalisedText;
      deliveryMethods: ('collect' | 'post' | 'electronic')[];
    };
    offline: { place: LocalisedText; hours: LocalisedText };
    remedies: { administrativeReview: LocalisedText; litigation: LocalisedText };
    contacts: { enquiry: string; complaint: string };
    faq: { question: LocalisedText; answer: LocalisedText }[];
  };
  implementation:
    | (ImplementationSummary & {
        offline: { place: LocalisedText; hours: LocalisedText };
        contacts: { enquiry: string; complaint: string };
        slots: {
          key: string;
          name: LocalisedText;
          organisationNameZh: string | null;
          organisationNameEn: string | null;
        }[];
      })
    | null;
}

export type CatalogueFilter = {
  q?: string;
  type?: string;
  applicantType?: string;
  divisionCode?: string;
  offset?: number;
};

export function fetchItems(filter: CatalogueFilter, signal?: AbortSignal): Promise<ItemList> {
  const query = new URLSearchParams(
    Object.entries(filter).flatMap(([key, value]) =>
      value === undefined || value === '' ? [] : [[key, String(value)]],
    ),
  );
  return requestJson<ItemList>(`/api/services/items?${query}`, signal ? { signal } : {});
}

export function fetchGuide(code: string, divisionCode: string | null, signal?: AbortSignal): Promise<Guide> {
  const query = divisionCode ? `?${new URLSearchParams({ divisionCode })}` : '';
  return requestJson<Guide>(
    `/api/services/items/${encodeURIComponent(code)}${query}`,
    signal ? { signal } : {},
  );
}
