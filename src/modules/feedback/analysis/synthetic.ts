import fs from 'node:fs';
import type { GeoPoint } from './geo.ts';
import { createRandom, type Random } from './random.ts';

const TEMPLATES_FILE = new URL('../../../../seed/feedback/templates.json', import.meta.url);

type PlaceTemplate = {
  code: string;
  name: string;
  center?: [number, number];
  roads: string[];
  estates: string[];
};
type CategoryTemplate = {
  code: string;
  name_zh: string;
  name_en: string;
  weight: number;
  templates: string[];
  slots: Record<string, string[]>;
};
type TemplateFile = {
  places: PlaceTemplate[];
  otherPlaces: PlaceTemplate[];
  common: Record<string, string[]>;
  categories: CategoryTemplate[];
};

export type SyntheticRequest = {
  id: string;
  /** Milliseconds since the epoch. */
  at: number;
  category: string;
  divisionCode: string;
  point: GeoPoint | null;
  text: string;
  /** The injected burst this request belongs to, or null for the background. */
  burstId: string | null;
};

export type InjectedBurst = {
  id: string;
  category: string;
  divisionCode: string;
  startAt: number;
  endAt: number;
  /** Requests per hour added during the burst. */
  ratePerHour: number;
  /** What the burst is about (the fixed issue its requests paraphrase). */
  issue: string;
};

export type SyntheticOptions = {
  seed: number;
  /** Start of the stream (ms since the epoch); aligned to the hour. */
  startAt: number;
  days: number;
  /** Mean background requests per day (over the daily rhythm). */
  backgroundPerDay: number;
  /** How many bursts to inject, in the demo area's townships. */
  burstCount: number;
  /** Range of a burst's length in hours and its added requests per hour. */
  burstHours?: [number, number];
  burstRatePerHour?: [number, number];
  /** No burst starts in the first days (detectors need a baseline). */
  quietDays?: number;
  /** Share of background requests outside the demo district (random other townships). */
  otherPlaceShare?: number;
};

export type SyntheticStream = { requests: SyntheticRequest[]; bursts: InjectedBurst[] };

const HOUR_MS = 3600_000;

/**
 * Relative request volume by hour of day (Beijing time): a hotline is quiet at night, busiest in the
 * morning and mid-afternoon, with an evening rise of noise complaints. Normalised to mean 1.
 */
const HOURLY_PROFILE = (() => {
  const raw = [
    0.2, 0.12, 0.08, 0.06, 0.06, 0.1, 0.3, 0.8, 1.5, 1.9, 2.0, 1.7, 1.2, 1.3, 1.7, 1.8, 1.6, 1.4, 1.2, 1.3,
    1.4, 1.1, 0.7, 0.4,
  ];
  const mean = raw.reduce((sum, value) => sum + value, 0) / raw.length;
  return raw.map((value) => value / mean);
})();
const BEIJING_OFFSET_HOURS = 8;

export function readTemplates(): TemplateFile {
  return JSON.parse(fs.readFileSync(TEMPLATES_FILE, 'utf8')) as TemplateFile;
}

function weightedPick<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let target = random.next() * total;
  for (const item of items) {
    target -= item.weight;
    if (target < 0) return item;
  }
  return items[items.length - 1] as T;
}

/** Fills {slot}s from the fixed choices first, then the category's slots, then the common ones. */
function fill(
  random: Random,
  template: string,
  category: CategoryTemplate,
  common: Record<string, string[]>,
  fixed: Record<string, string>,
): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    const value = fixed[slot] ?? random.pick(category.slots[slot] ?? common[slot] ?? [`{${slot}}`]);
    return value;
  });
}

function placeSlots(random: Random, place: PlaceTemplate): Record<string, string> {
  const road = random.pick(place.roads);
  const otherRoads = place.roads.filter((candidate) => candidate !== road);
  return {
    place: place.name,
    road,
    road2: otherRoads.length > 0 ? random.pick(otherRoads) : road,
    estate: random.pick(place.estates),
  };
}

function jitter(random: Random, center: [number, number], sigmaDegrees: number): GeoPoint {
  return {
    longitude: Number((center[0] + random.normal() * sigmaDegrees).toFixed(6)),
    latitude: Number((center[1] + random.normal() * sigmaDegrees).toFixed(6)),
  };
}

/**
 * A reproducible stream of Chinese hotline requests: templates × places × categories with paraphrase
 * variation, a background with a daily rhythm (Poisson counts per hour), and injected bursts — one
 * concrete matter (category, township, road, estate, issue) reported again and again in varying words —
 * whose truth is returned with the stream. The same options give the same stream.
 */
export function generateSyntheticRequests(options: SyntheticOptions): SyntheticStream {
  const random = createRandom(options.seed);
  const templates = readTemplates();
  const startAt = Math.floor(options.startAt / HOUR_MS) * HOUR_MS;
  const hours = Math.round(options.days * 24);
  const [minHours, maxHours] = options.burstHours ?? [6, 30];
  const [minRate, maxRate] = options.burstRatePerHour ?? [2, 5];
  const quietHours = Math.round((options.quietDays ?? 3) * 24);
  const otherPlaceShare = options.otherPlaceShare ?? 0.15;
  const drafts: Omit<SyntheticRequest, 'id'>[] = [];

  function compose(category: CategoryTemplate, fixed: Record<string, string>): string {
    return fill(random, random.pick(category.templates), category, templates.common, fixed);
  }

  for (let hour = 0; hour < hours; hour++) {
    const hourStart = startAt + hour * HOUR_MS;
    const hourOfDay = (new Date(hourStart).getUTCHours() + BEIJING_OFFSET_HOURS) % 24;
    const mean = (options.backgroundPerDay / 24) * (HOURLY_PROFILE[hourOfDay] as number);
    const count = random.poisson(mean);
    for (let n = 0; n < count; n++) {
      const category = weightedPick(random, templates.categories);
      const isOther = random.next() < otherPlaceShare;
      const place = isOther ? random.pick(templates.otherPlaces) : random.pick(templates.places);
      const hasPoint = place.center !== undefined && random.next() < 0.7;
      drafts.push({
        at: hourStart + random.int(HOUR_MS),
        category: category.code,
        divisionCode: place.code,
        point: hasPoint && place.center ? jitter(random, place.center, 0.008) : null,
        text: compose(category, placeSlots(random, place)),
        burstId: null,
      });
    }
  }

  const bursts: InjectedBurst[] = [];
  for (let index = 0; index < options.burstCount; index++) {
    const category = random.pick(templates.categories);
    const place = random.pick(templates.places);
    const lengthHours = minHours + random.int(maxHours - minHours + 1);
    const latestStart = hours - lengthHours;
    if (latestStart <= quietHours)
      throw new RangeError('the stream is too short for its quiet days and bursts');
    const startHour = quietHours + random.int(latestStart - quietHours);
    const ratePerHour = minRate + random.next() * (maxRate - minRate);
    const issueSlot = category.slots.issue ? 'issue' : 'source';
    const issue = random.pick(category.slots[issueSlot] ?? ['']);
    const fixedPlace = placeSlots(random, place);
    const spot = place.center ? jitter(random, place.center, 0.004) : null;
    const burst: InjectedBurst = {
      id: `burst-${index + 1}`,
      category: category.code,
      divisionCode: place.code,
      startAt: startAt + startHour * HOUR_MS,
      endAt: startAt + (startHour + lengthHours) * HOUR_MS,
      ratePerHour: Number(ratePerHour.toFixed(2)),
      issue,
    };
    bursts.push(burst);
    for (let hour = startHour; hour < startHour + lengthHours; hour++) {
      const count = random.poisson(ratePerHour);
      for (let n = 0; n < count; n++) {
        // The same matter in other words: the frame, time, effect and plea vary, the matter does not.
        const fixed: Record<string, string> = { ...fixedPlace, [issueSlot]: issue };
        drafts.push({
          at: startAt + hour * HOUR_MS + random.int(HOUR_MS),
          category: category.code,
          divisionCode: place.code,
          point: spot && random.next() < 0.7 ? jitter(random, [spot.longitude, spot.latitude], 0.0008) : null,
          text: compose(category, fixed),
          burstId: burst.id,
        });
      }
    }
  }

  drafts.sort((a, b) => a.at - b.at);
  const requests = drafts.map((draft, index) => ({ id: `SYN-${options.seed}-${index + 1}`, ...draft }));
  return { requests, bursts };
}
