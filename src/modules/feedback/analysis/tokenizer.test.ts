import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTokenizer, NUMBER_TOKEN, normaliseText } from './tokenizer.ts';

const tokenizer = createTokenizer();

describe('feedback tokenizer', () => {
  it('keeps governance and city-service terms whole where plain jieba splits them', () => {
    const text =
      '打了１２３４５接诉即办热线反映：文三路128号门口占道经营，晚上噪音扰民，路灯不亮，井盖缺失。';
    const plain = Jieba.withDict(dict).cut(normaliseText(text), false);
    expect(plain).not.toContain('接诉即办');
    expect(plain).not.toContain('占道经营');
    const terms = tokenizer.tokenize(text);
    for (const term of [
      '12345',
      '接诉即办',
      '热线',
      '文三路',
      '占道经营',
      '噪音扰民',
      '路灯不亮',
      '井盖缺失',
    ]) {
      expect(terms).toContain(term);
    }
  });

  it('keeps domain terms whole in real hotline sentences', () => {
    const cases: [string, string[]][] = [
      ['翠苑一区物业纠纷一直没解决，物业公司还乱收物业费', ['翠苑一区', '物业纠纷', '物业公司', '物业费']],
      [
        '小区门口违章停车严重，共享单车乱停乱放，消防通道堵塞',
        ['违章停车', '共享单车', '乱停乱放', '消防通道堵塞'],
      ],
      ['今年供暖不热，家里暖气不热，老人冻得受不了', ['供暖不热', '暖气不热']],
      [
        '垃圾分类做得不好，厨余垃圾和其他垃圾混在一起，垃圾桶满溢',
        ['垃圾分类', '厨余垃圾', '其他垃圾', '垃圾桶'],
      ],
      ['有人把电动车推进楼道充电，存在火灾隐患', ['电动车', '楼道充电', '火灾隐患']],
    ];
    for (const [text, expected] of cases) {
      const terms = tokenizer.tokenize(text);
      for (const term of expected) expect(terms, text).toContain(term);
    }
  });

  it('normalises full-width forms and case, collapses house numbers and drops stop words and punctuation', () => {
    const terms = tokenizer.tokenize(
      'ＫＴＶ噪音：我们楼下的ＫＴＶ每天闹到凌晨２点！门牌号是古墩路１５８号。',
    );
    expect(terms).toContain('ktv噪音');
    expect(terms).toContain('ktv');
    expect(terms).toContain(NUMBER_TOKEN);
    expect(terms).not.toContain('158');
    expect(terms).not.toContain('2');
    for (const dropped of ['我们', '的', '是', '：', '！', '。', ':', '!'])
      expect(terms).not.toContain(dropped);
    // Two paraphrases that differ only in the house number tokenize alike.
    expect(tokenizer.tokenize('文三路126号路灯不亮')).toEqual(tokenizer.tokenize('文三路１２８号路灯不亮'));
  });

  it('returns only normalised, non-empty, non-stop-word terms for any text', () => {
    const stopWords = ['的', '了', '我们', '请问', '，', '。'];
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        for (const term of tokenizer.tokenize(text)) {
          expect(term.trim()).toBe(term);
          expect(term).not.toBe('');
          expect(normaliseText(term)).toBe(term);
          expect(stopWords).not.toContain(term);
          expect(/^[0-9]+$/.test(term) && !tokenizer.isDomainTerm(term)).toBe(false);
        }
      }),
      { seed: 12345, numRuns: 300 },
    );
  });
});
