import { requestJson } from '../../app/api.ts';

export type UnitClass = 'township' | 'district' | 'department';

export interface Rates {
  eligible: number;
  responded: number;
  resolved: number;
  rated: number;
  satisfied: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  composite: number | null;
}

export interface UnitRef {
  code: string;
  nameZh: string;
  nameEn: string | null;
}

export interface RankingRow extends Rates {
  unit: UnitRef;
  rank: number | null;
  previous: { composite: number | null; rank: number | null; eligible: number } | null;
  compositeChange: number | null;
  rankChange: number | null;
}

export interface Scheme {
  responseWithinHours: number;
  resolutionWithinDays: number;
  satisfiedMinScore: number;
  excludedKinds: string[];
  excludedReasons: string[];
  weights: { response: number; resolution: number; satisfaction: number };
}

export interface Ranking {
  divisionCode: string;
  month: string;
  previousMonth: string;
  scheme: Scheme;
  rows: RankingRow[];
}

export interface TrendPoint extends Rates {
  month: string;
}

export interface RecurringProblem {
  division: UnitRef;
  categoryCode: string;
  requestCount: number;
  afterClosureCount: number;
  firstAt: string;
  lastAt: string;
  requestIds: string[];
}

export interface Category {
  code: string;
  nameZh: string;
  nameEn: string;
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export function fetchRanking(unitClass: UnitClass, month: string, signal?: AbortSignal) {
  return requestJson<Ranking>(
    `/api/feedback/evaluation/rankings?${new URLSearchParams({ unitClass, month })}`,
    withSignal(signal),
  );
}

export function fetchTrend(unitClass: UnitClass, to: string, signal?: AbortSignal) {
  return requestJson<{ points: TrendPoint[] }>(
    `/api/feedback/evaluation/trend?${new URLSearchParams({ unitClass, to, months: '6' })}`,
    withSignal(signal),
  );
}

export function fetchRecurring(signal?: AbortSignal) {
  return requestJson<{ withinDays: number; minCount: number; items: RecurringProblem[] }>(
    '/api/feedback/evaluation/recurring?withinDays=30&minCount=3',
    withSignal(signal),
  );
}

export function fetchCategories(signal?: AbortSignal) {
  return requestJson<Category[]>('/api/feedback/categories', withSignal(signal));
}
