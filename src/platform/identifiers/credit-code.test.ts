import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, parseCreditCode } from './credit-code.ts';
import { organisationCodeCheckCharacter } from './organisation-code.ts';

function reasonFor(input: string) {
  const result = parseCreditCode(input);
  return result.ok ? 'accepted' : result.reason;
}

describe('published codes', () => {
  // The worked example of GB 32100-2015 (校验码计算方法实例), as reproduced at
  // https://www.yc00.com/web/1713075042a2177900.html : for the body 91350100M000100Y4 the weighted
  // sum is 1640, 1640 mod 31 = 28, so the check character is 31 − 28 = 3. The example then shows the
  // input 91350100M000100Y4Z failing; Z is not even in the alphabet (Table 1 leaves out I O Z S V).
  it('computes the standard’s worked example', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(parseCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      value: {
        code: '91350100M000100Y43',
        registrationAuthority: '9',
        organisationType: '1',
        divisionCode: '350100',
        organisationCode: 'M000100Y4',
      },
    });
    expect(reasonFor('91350100M000100Y4Z')).toBe('bad-characters');
  });

  // Real codes, each with where it was published.
  const realCodes: [code: string, holder: string, source: string][] = [
    ['914403001922038216', '华为技术有限公司', 'zh.wikipedia.org/zh-hk/華為, infobox 機構代碼'],
    [
      '91440300708461136T',
      '深圳市腾讯计算机系统有限公司',
      'check-china.com/example_report/en/8, business licence section',
    ],
    [
      '91330100716105852F',
      '阿里巴巴(中国)网络技术有限公司',
      'docapi.xdua.com/api/hannm/lonlat2int.html, sample response (code_org 71610585-2)',
    ],
    ['91110108795101314G', '谷歌信息技术(中国)有限公司', 'bluesky335/IDCheck USCI/USCI_test.go @077dc67'],
    ['91310000MA1K35Y38P', '锤子科贸(上海)有限公司', 'bluesky335/IDCheck USCI/USCI_test.go @077dc67'],
    ['91120222MA06DG3067', '天津云上畅游科技合伙企业', 'bluesky335/IDCheck USCI/USCI_test.go @077dc67'],
    ['91500105MA5UM6TF71', '重庆云嘟嘟科技有限公司', 'bluesky335/IDCheck USCI/USCI_test.go @077dc67'],
    ['9135020026015919XW', '厦门象屿集团有限公司', 'bluesky335/IDCheck USCI/USCI_test.go @077dc67'],
    ['913502006120495420', '厦门中骏集团有限公司', 'bluesky335/IDCheck USCI/USCI_test.go @077dc67'],
    [
      '91440300MA5ELKGE4E',
      '深圳市莱茵表文科技有限公司',
      'TiuBen/All-js-project packages/backend/back-end/V3-api/data/公司信息.js (taxpayer number)',
    ],
  ];

  it.each(realCodes)('accepts %s (%s; published in %s)', (code) => {
    expect(parseCreditCode(code)).toMatchObject({
      ok: true,
      value: { code, divisionCode: code.slice(2, 8), organisationCode: code.slice(8, 17) },
    });
  });

  it('splits a code into the parts GB 32100 defines', () => {
    // The sample response above gives Alibaba's old organisation code separately: 71610585-2.
    expect(parseCreditCode('91330100716105852F')).toEqual({
      ok: true,
      value: {
        code: '91330100716105852F',
        registrationAuthority: '9',
        organisationType: '1',
        divisionCode: '330100',
        organisationCode: '716105852',
      },
    });
  });

  // The organisation codes issued since 2015 start with MA; with the GB 32100 alphabet's values instead
  // of GB 11714's (A = 10 … Z = 35) these real ones would fail, e.g. MA1K35Y38 would need 4.
  it('values organisation-code letters as GB 11714 does, which real MA codes prove', () => {
    expect(organisationCodeCheckCharacter('MA1K35Y3')).toBe('8');
    expect(organisationCodeCheckCharacter('MA5ELKGE')).toBe('4');
    expect(organisationCodeCheckCharacter('19220382')).toBe('1');
  });

  // GB 11714-1997 §2.1.2 (https://zh.wikisource.org/wiki/GB_11714-1997_全国组织机构代码编制规则):
  // a computed 10 is written X and 11 is written 0. 9135020026015919XW above has the X case.
  it('writes the organisation check value 10 as X and 11 as 0', () => {
    expect(organisationCodeCheckCharacter('26015919')).toBe('X');
    expect(organisationCodeCheckCharacter('61204954')).toBe('2');
    // Any body whose weighted sum is a multiple of 11, such as all zeros.
    expect(organisationCodeCheckCharacter('00000000')).toBe('0');
  });

  // Lawfully issued in Fujian's pilot before the standard, failing its check character; listed as
  // such by bluesky335/IDCheck (README and USCI/USCI_test.go @077dc67). Refused like any failing code.
  it.each([
    ['91350211M0000XUF46', '厦门云上晴空航空科技有限公司'],
    ['91350100M0001TGQXM', '福建恒跃柳工机械销售有限公司'],
    ['91350203M0001FUE2P', '厦门黑脉网络科技有限公司'],
  ])('refuses the pilot-era code %s (%s), whose check character does not match', (code) => {
    expect(reasonFor(code)).toBe('bad-check-digit');
  });
});

describe('typed input', () => {
  it('trims spaces and accepts lower case and full-width characters', () => {
    for (const typed of [
      ' 914403001922038216 ',
      '91440300ma5elkge4e',
      '９１４４０３００１９２２０３８２１６',
    ]) {
      expect(parseCreditCode(typed).ok).toBe(true);
    }
  });

  it('says the length is wrong for anything but 18 characters', () => {
    expect(reasonFor('91440300192203821')).toBe('wrong-length');
    expect(reasonFor('9144030019220382160')).toBe('wrong-length');
    expect(reasonFor('')).toBe('wrong-length');
  });

  it('refuses I, O, Z, S, V anywhere and letters in the division code, naming the position', () => {
    for (const letter of 'IOZSV') expect(reasonFor(`91440300${letter}A5ELKGE4E`)).toBe('bad-characters');
    const result = parseCreditCode('914403A01922038216');
    expect(result).toMatchObject({ ok: false, reason: 'bad-characters' });
    expect(!result.ok && result.message).toContain('Character 7 must be a digit');
  });

  it('says when the organisation code inside does not check out', () => {
    // Huawei's code with the organisation check character changed from 1 to 2.
    expect(reasonFor('914403001922038226')).toBe('bad-organisation-code');
  });

  it('says when only the final check character is wrong', () => {
    expect(reasonFor('914403001922038217')).toBe('bad-check-digit');
  });
});

describe('properties', () => {
  const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const from = (characters: string, length: number) =>
    fc
      .array(fc.constantFrom(...characters), { minLength: length, maxLength: length })
      .map((chosen) => chosen.join(''));
  const validCode = fc
    .tuple(from(ALPHABET, 2), from('0123456789', 6), from(ALPHABET, 8))
    .map(([head, division, organisationBody]) => {
      const body = head + division + organisationBody + organisationCodeCheckCharacter(organisationBody);
      return body + creditCodeCheckCharacter(body);
    });

  it('accepts every code built with both check characters', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(parseCreditCode(code)).toMatchObject({ ok: true, value: { code } });
      }),
    );
  });

  it('refuses every code with one character substituted', () => {
    const change = fc.record({
      code: validCode,
      position: fc.integer({ min: 0, max: 17 }),
      replacement: fc.constantFrom(...ALPHABET),
    });
    fc.assert(
      fc.property(change, ({ code, position, replacement }) => {
        fc.pre(code[position] !== replacement);
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(parseCreditCode(changed).ok).toBe(false);
      }),
    );
  });
});
