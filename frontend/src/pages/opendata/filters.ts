/** The open-data list's filters as the address keeps them, and the prefectures by region. */
import type { PublishedFilters } from '../../api/plans';
import { PREFECTURES, STRATEGIC_FIELDS } from '../../lib/plans';
import { OPEN_DATA_MESSAGES } from './messages';

const R = OPEN_DATA_MESSAGES.regions;

/** The types published on this platform (type A is not yet). */
export const TYPES = ['B', 'C'] as const;

const JSIC_CODE = /^[A-T](\d{2}|\d{3}|\d{4})?$/;
const ROUND_CODE = /^[a-z0-9-]{1,30}$/;

/** The filters in the address; anything that is not a code the server takes is left out. */
export function filtersOf(search: URLSearchParams): PublishedFilters {
  const type = search.get('type') ?? '';
  const prefecture = search.get('prefecture') ?? '';
  const field = search.get('field') ?? '';
  const industry = (search.get('industry') ?? '').toUpperCase();
  const round = search.get('round') ?? '';
  return {
    type: (TYPES as readonly string[]).includes(type) ? (type as (typeof TYPES)[number]) : '',
    prefecture: /^\d{2}$/.test(prefecture) && Number(prefecture) >= 1 && Number(prefecture) <= 47 ? prefecture : '',
    field: field in STRATEGIC_FIELDS ? field : '',
    industry: JSIC_CODE.test(industry) ? industry : '',
    round: ROUND_CODE.test(round) ? round : '',
  };
}

export function isFiltered(filters: PublishedFilters): boolean {
  return Object.values(filters).some((value) => value !== '');
}

/** 地方区分 (the eight regions, 北海道 with 東北), each with its prefectures' codes (JIS X 0401). */
export const REGIONS: readonly { name: string; first: number; last: number }[] = [
  { name: R.hokkaidoTohoku, first: 1, last: 7 },
  { name: R.kanto, first: 8, last: 14 },
  { name: R.chubu, first: 15, last: 23 },
  { name: R.kinki, first: 24, last: 30 },
  { name: R.chugoku, first: 31, last: 35 },
  { name: R.shikoku, first: 36, last: 39 },
  { name: R.kyushuOkinawa, first: 40, last: 47 },
];

export interface PrefectureGroup {
  region: string;
  prefectures: { code: string; name: string }[];
}

export function prefecturesByRegion(): PrefectureGroup[] {
  return REGIONS.map(({ name, first, last }) => ({
    region: name,
    prefectures: PREFECTURES.slice(first - 1, last).map((prefecture, i) => ({ code: String(first + i).padStart(2, '0'), name: prefecture })),
  }));
}
