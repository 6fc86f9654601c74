/**
 * Redaction of personal data from a reply before it is published on the request's public page. The
 * handler writes to the citizen as to a person ("王先生，您反映的…"); the public sees the same answer
 * with the personal data replaced by a bracketed word, so that the answer stays readable.
 */

export type RedactionKind = 'name' | 'resident-id' | 'phone' | 'email' | 'plate' | 'house-number' | 'number';

export type RedactionOptions = {
  /** Names known from the request (the caller's name) and any the handler adds. */
  names?: readonly string[];
  /** The citizen did not let their identity be known: exact house numbers go too. */
  isAnonymous?: boolean;
};

export type Redaction = { text: string; replaced: { kind: RedactionKind; count: number }[] };

const PLACEHOLDER: Record<RedactionKind, string> = {
  name: '［姓名］',
  'resident-id': '［身份证号］',
  phone: '［电话］',
  email: '［邮箱］',
  plate: '［车牌］',
  'house-number': '［门牌号］',
  number: '［号码］',
};

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

// Order matters: a resident ID holds eleven digits that would read as a mobile number, and a landline
// with its area code holds a run of digits, so the longer patterns go first. Digits are bounded by
// non-digits so that a number inside a longer number is never half-replaced.
const PATTERNS: readonly { kind: RedactionKind; pattern: RegExp }[] = [
  // The local part may hold any of RFC 5322's atom characters.
  { kind: 'email', pattern: /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g },
  { kind: 'resident-id', pattern: /(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{9}[0-9Xx](?![0-9A-Za-z])/g },
  { kind: 'resident-id', pattern: /(?<![0-9])[1-9][0-9]{14}(?![0-9])/g },
  {
    kind: 'phone',
    pattern: /(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])/g,
  },
  { kind: 'phone', pattern: /(?<![0-9])0[1-9][0-9]{1,2}[ -]?[2-9][0-9]{6,7}(?![0-9])/g },
  {
    kind: 'plate',
    pattern: new RegExp(
      `[${PROVINCES}][A-HJ-NP-Za-hj-np-z][ ·•]?[A-HJ-NP-Z0-9a-hj-np-z]{4,5}[A-HJ-NP-Z0-9a-hj-np-z挂学警港澳]?`,
      'g',
    ),
  },
  // Numbers run together ("1380000000033010619…") cannot be told apart; a long run of digits is never
  // needed in a public reply (the request's own number starts with FB, so it stays), so it goes whole.
  { kind: 'number', pattern: /(?<![A-Za-z0-9])[0-9]{11,}[Xx]?(?![0-9])/g },
];

// An exact place in a building or street: 12号, 3幢, 2单元, 501室, 5号楼. Street names stay; the number goes.
const HOUSE_NUMBER =
  /[0-9０-９一二三四五六七八九十百]+(?:-[0-9]+)?\s*(?:号楼|号院|号|幢|栋|单元|室|楼|弄|户)(?:\s*[0-9０-９一二三四五六七八九十]+\s*(?:幢|栋|单元|室|楼|层|户|号))*/g;

const PLACEHOLDER_TEXT = Object.values(PLACEHOLDER).join('');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces personal data in `text`. Running it again on its own output changes nothing, and text with
 * none of the patterns and none of the names comes back as it was (both properties are tested).
 */
export function redactPersonalData(text: string, options: RedactionOptions = {}): Redaction {
  const counts = new Map<RedactionKind, number>();
  const replace = (input: string, kind: RedactionKind, pattern: RegExp) =>
    input.replace(pattern, () => {
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      return PLACEHOLDER[kind];
    });
  const names = [
    ...new Set((options.names ?? []).map((name) => name.trim()).filter((name) => name.length >= 2)),
  ]
    .filter((name) => !/[［］]/.test(name) && !PLACEHOLDER_TEXT.includes(name))
    // Longest first, so that 王小明 goes whole before 王小 could match inside it.
    .sort((a, b) => b.length - a.length);
  const pass = (input: string) => {
    let output = input;
    for (const { kind, pattern } of PATTERNS) output = replace(output, kind, pattern);
    for (const name of names) output = replace(output, 'name', new RegExp(escapeRegExp(name), 'g'));
    if (options.isAnonymous) output = replace(output, 'house-number', HOUSE_NUMBER);
    return output;
  };
  // Taking a match out can join what was around it into a new match (an ID number's last digits and
  // a phone number after it), so passes repeat until nothing changes; each pass that changes the text
  // removes characters the patterns need, so this ends quickly.
  let result = text;
  for (let round = 0; round < 10; round += 1) {
    const next = pass(result);
    if (next === result) break;
    result = next;
  }
  return {
    text: result,
    replaced: [...counts].map(([kind, count]) => ({ kind, count })),
  };
}

export const REDACTION_PLACEHOLDERS = PLACEHOLDER;
