import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactPersonalData } from './redaction.ts';

/** A valid GB 11643 resident ID from 17 digits (checksum computed). */
function residentId(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((total, digit, index) => total + Number(digit) * weights[index]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

const mobile = fc
  .tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9))
  .map(([prefix, rest]) => prefix + rest);
const idNumber = fc
  .tuple(fc.integer({ min: 110000, max: 659999 }), fc.integer({ min: 1950, max: 2015 }), digits(7))
  .map(([region, year, rest]) => residentId(`${region}${year}${rest}`));
const email = fc.emailAddress().filter((address) => !address.includes('"'));
const plate = fc
  .tuple(
    fc.constantFrom('浙', '京', '沪', '粤'),
    fc.constantFrom('A', 'B', 'C'),
    fc.stringMatching(/^[A-HJ-NP-Z0-9]{5}$/),
  )
  .map(([province, city, rest]) => province + city + rest);
const personal = fc.oneof(mobile, idNumber, email, plate);

// Ordinary words of a reply: Chinese text and punctuation without digits, Latin letters or @.
const plainWord = fc.constantFrom(
  '您好，',
  '您反映的',
  '路面坑洼问题',
  '已安排维修。',
  '感谢监督！',
  '街道城管中队',
  '将于本周内处理',
  '如有疑问请联系我们。',
  '：',
  ' ',
);
const plainText = fc.array(plainWord, { maxLength: 20 }).map((words) => words.join(''));

describe('redactPersonalData', () => {
  it('replaces mobile and landline numbers, resident IDs, e-mail, plates and given names', () => {
    const { text, replaced } = redactPersonalData(
      '王小明先生，您好：已联系车主（浙A12345，电话 138 1234 5678，座机 0571-87654321），身份证号 33010619900101002X，邮箱 wang@example.cn。',
      { names: ['王小明'] },
    );
    expect(text).toBe(
      '［姓名］先生，您好：已联系车主（［车牌］，电话 ［电话］，座机 ［电话］），身份证号 ［身份证号］，邮箱 ［邮箱］。',
    );
    expect(replaced).toEqual(
      expect.arrayContaining([
        { kind: 'phone', count: 2 },
        { kind: 'resident-id', count: 1 },
        { kind: 'email', count: 1 },
        { kind: 'plate', count: 1 },
        { kind: 'name', count: 1 },
      ]),
    );
  });

  it('takes exact house numbers out only when the citizen was anonymous', () => {
    const reply = '已到文三路 477 号华星科技大厦 3 幢 2 单元 501 室现场查看。';
    expect(redactPersonalData(reply).text).toBe(reply);
    expect(redactPersonalData(reply, { isAnonymous: true }).text).toBe(
      '已到文三路 ［门牌号］华星科技大厦 ［门牌号］现场查看。',
    );
  });

  it('leaves text without personal data as it was', () => {
    fc.assert(
      fc.property(plainText, (text) => {
        const result = redactPersonalData(text, { isAnonymous: true, names: ['王小明'] });
        expect(result.text).toBe(text);
        expect(result.replaced).toEqual([]);
      }),
    );
  });

  it('never lets a generated phone number, ID, e-mail or plate through, wherever it stands', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(plainText, personal), { minLength: 1, maxLength: 5 }),
        plainText,
        (parts, tail) => {
          const text = parts.map(([before, value]) => before + value).join('') + tail;
          const result = redactPersonalData(text);
          for (const [, value] of parts) expect(result.text).not.toContain(value);
          expect(result.replaced.reduce((sum, entry) => sum + entry.count, 0)).toBeGreaterThanOrEqual(1);
        },
      ),
    );
  });

  it('never lets a given name through, and is idempotent on any text', () => {
    const chineseName = fc
      .tuple(
        fc.constantFrom('王', '李', '张', '刘', '陈'),
        fc.constantFrom('小明', '丽', '建国', '芳芳', '伟'),
      )
      .map(([family, given]) => family + given);
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.array(chineseName, { maxLength: 3 }),
        fc.boolean(),
        (text, names, isAnonymous) => {
          const withNames = names.join(text) + text;
          const once = redactPersonalData(withNames, { names, isAnonymous });
          for (const name of names) expect(once.text).not.toContain(name);
          expect(redactPersonalData(once.text, { names, isAnonymous }).text).toBe(once.text);
        },
      ),
    );
  });

  it('is idempotent on text full of digits, where removed matches could join into new ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(personal, digits(3), fc.constantFrom('X', '-', ' ', '号', '室', '@', '.')), {
          maxLength: 12,
        }),
        (pieces) => {
          const once = redactPersonalData(pieces.join(''), { isAnonymous: true });
          expect(redactPersonalData(once.text, { isAnonymous: true }).text).toBe(once.text);
        },
      ),
    );
  });
});
