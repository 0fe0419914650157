import { describe, expect, it } from 'vitest';
import { companyQuery } from './CompanyPicker';
import { chosenCodes, normaliseQuery, searchJsic, type JsicItem } from './jsicSearch';

const item = (code: string, name: string, keywords: string[] = []): JsicItem => ({ code, name, label: `${code} ${name}`, keywords });

const LIST: JsicItem[] = [
  item('A', '農業、林業'),
  item('A01', '農業'),
  item('E', '製造業'),
  item('E09', '食料品製造業'),
  item('E26', '生産用機械器具製造業'),
  item('E267', '半導体・フラットパネルディスプレイ製造装置製造業'),
  item('E2671', '半導体製造装置製造業'),
  item('E28', '電子部品・デバイス・電子回路製造業', ['半導体', '電子デバイス']),
  item('E281', '電子デバイス製造業', ['半導体']),
  item('E2813', '半導体素子製造業（光電変換素子を除く）'),
  item('E2814', '集積回路製造業', ['半導体', 'IC', 'LSI']),
  item('E29', '電気機械器具製造業'),
  item('L72', '専門サービス業（他に分類されないもの）'),
];
const codes = (q: string) => searchJsic(LIST, q).map((e) => e.code);

describe('searching the JSIC list', () => {
  it('finds the semiconductor industries by name, integrated circuits included', () => {
    expect(codes('半導体')).toEqual(['E267', 'E2671', 'E28', 'E281', 'E2813', 'E2814']);
  });

  it('finds 中分類28 and its groups by its number, the division itself first', () => {
    expect(codes('28')).toEqual(['E28', 'E281', 'E2813', 'E2814']);
    expect(codes('2814')).toEqual(['E2814']);
  });

  it('takes a code with its letter, in full width or lower case', () => {
    expect(codes('E28')[0]).toBe('E28');
    expect(codes('ｅ２８')).toEqual(codes('E28'));
    expect(codes(' e 2 8 1 ')).toEqual(['E281', 'E2813', 'E2814']);
  });

  it('puts an exact number before names that merely contain it', () => {
    expect(codes('E')[0]).toBe('E');
    expect(codes('72')).toEqual(['L72']);
  });

  it('answers nothing for an empty query or a word of no industry', () => {
    expect(codes('')).toEqual([]);
    expect(codes('   ')).toEqual([]);
    expect(codes('宇宙旅行')).toEqual([]);
  });

  it('keeps at most the limit', () => {
    expect(searchJsic(LIST, '製造業', 3)).toHaveLength(3);
  });

  it('reads the chosen codes of the draft once each, upper case', () => {
    expect(chosenCodes('e28  E29,E28、A01')).toEqual(['E28', 'E29', 'A01']);
    expect(chosenCodes('')).toEqual([]);
    expect(normaliseQuery('Ｅ２８')).toBe('E28');
  });
});

describe('searching registered companies', () => {
  it('sends a 法人番号 typed in full width or with hyphens as 13 digits', () => {
    expect(companyQuery('７０１０００１０１８２０９')).toBe('7010001018209');
    expect(companyQuery('7-0100-0101-8209')).toBe('7010001018209');
  });

  it('sends a name as typed, without surrounding spaces', () => {
    expect(companyQuery('  阿蘇セミコン ')).toBe('阿蘇セミコン');
    expect(companyQuery('123')).toBe('123');
  });
});
