/**
 * The catalogue code of a service item: `<scope>-<type>-<item>[-<sub>][-<handling>]`.
 *
 * - scope: `00` for the national catalogue, or the two-digit code of the province whose catalogue it is;
 * - type: two letters for the kind of power or service (XK 行政许可, QR 行政确认, GF 行政给付, JL 行政奖励,
 *   CJ 行政裁决, QT 其他行政权力, GG 公共服务);
 * - item: five digits, the main item (主项) within scope and type;
 * - sub: two digits, a sub-item (子项), when the main item has several;
 * - handling: two letters, the handling item (办理项): SL 设立 new, BG 变更 change, YX 延续 renew,
 *   ZX 注销 cancel, BF 补发 reissue.
 *
 * So `00-XK-00101` is a main item, `00-XK-00101-01` one of its sub-items and `00-XK-00101-01-SL` the
 * handling item "new" of that sub-item. Digits and letters never share a position, so the optional
 * parts cannot be confused.
 */

export const ITEM_TYPES = {
  XK: 'licence',
  QR: 'confirmation',
  GF: 'payment',
  JL: 'award',
  CJ: 'adjudication',
  QT: 'other-power',
  GG: 'public-service',
} as const;
export type ItemType = (typeof ITEM_TYPES)[keyof typeof ITEM_TYPES];
export const ITEM_TYPE_NAMES = Object.values(ITEM_TYPES);

export const HANDLING_KINDS = {
  SL: 'new',
  BG: 'change',
  YX: 'renew',
  ZX: 'cancel',
  BF: 'reissue',
} as const;
export type HandlingKind = (typeof HANDLING_KINDS)[keyof typeof HANDLING_KINDS];

export const NATIONAL_SCOPE = '00';

export type ItemCode = {
  code: string;
  /** `00` or a province code. */
  scope: string;
  level: 'national' | 'provincial';
  type: ItemType;
  mainCode: string;
  subItem: string | null;
  handling: HandlingKind | null;
};

const CODE_PATTERN =
  /^(?<scope>00|[1-9][0-9])-(?<type>XK|QR|GF|JL|CJ|QT|GG)-(?<item>[0-9]{5})(?:-(?<sub>[0-9]{2}))?(?:-(?<handling>SL|BG|YX|ZX|BF))?$/;

/** The parts of a code, or a sentence saying why it is not one. */
export function parseItemCode(text: string): { ok: true; value: ItemCode } | { ok: false; message: string } {
  const match = CODE_PATTERN.exec(text);
  if (!match?.groups) {
    return {
      ok: false,
      message:
        'must be <scope>-<type>-<item>[-<sub>][-<handling>]: 00 or a province code, XK|QR|GF|JL|CJ|QT|GG, five digits, optionally two digits, optionally SL|BG|YX|ZX|BF (e.g. 00-XK-00101-SL)',
    };
  }
  const { scope, type, item, sub, handling } = match.groups as Record<string, string | undefined>;
  return {
    ok: true,
    value: {
      code: text,
      scope: scope!,
      level: scope === NATIONAL_SCOPE ? 'national' : 'provincial',
      type: ITEM_TYPES[type as keyof typeof ITEM_TYPES],
      mainCode: `${scope}-${type}-${item}`,
      subItem: sub ?? null,
      handling: handling ? HANDLING_KINDS[handling as keyof typeof HANDLING_KINDS] : null,
    },
  };
}
