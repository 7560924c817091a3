import { describe, expect, it } from 'vitest';
import { adminEn, adminVi } from '../admin/admin-i18n.data.ts';
import { en, vi } from './resources.ts';

type Leaf = [key: string, value: unknown];
/** Every leaf of a string tree as [dotted key, value]. */
const leaves = (node: unknown, prefix = ''): Leaf[] =>
  node !== null && typeof node === 'object' ? Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k)) : [[prefix, node]];

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort();

/**
 * Three or more written words (not acronyms, not placeholders) and not one letter beyond a–z: Vietnamese text
 * that lost its diacritics. A short term such as "Giao cho" or "Trang sau" may be plain.
 */
const strippedOfDiacritics = (text: string): boolean =>
  !/(?![a-zA-Z])\p{L}/u.test(text) && (text.replace(/\{\{[^}]*\}\}/g, ' ').match(/\b\p{L}*\p{Ll}\p{L}*\b/gu) ?? []).filter((w) => w.length > 1).length >= 3;

describe.each([
  ['resources', vi, en],
  ['administration', adminVi, adminEn],
] as const)('%s strings', (_name, viTree, enTree) => {
  const viLeaves = leaves(viTree);
  const enByKey = new Map(leaves(enTree));

  it('are strings, and English has exactly the Vietnamese keys', () => {
    expect(viLeaves.length).toBeGreaterThan(100);
    expect(viLeaves.filter(([, v]) => typeof v !== 'string').map(([k]) => k)).toEqual([]);
    expect(
      viLeaves.filter(([k]) => typeof enByKey.get(k) !== 'string').map(([k]) => k),
      'missing in en',
    ).toEqual([]);
    const viKeys = new Set(viLeaves.map(([k]) => k));
    expect(
      [...enByKey.keys()].filter((k) => !viKeys.has(k)),
      'only in en',
    ).toEqual([]);
  });

  it('interpolate the same values in both languages', () => {
    const differ = viLeaves.filter(([k, v]) => placeholders(String(v)).join() !== placeholders(String(enByKey.get(k))).join());
    expect(differ.map(([k]) => k)).toEqual([]);
  });

  it('keep the Vietnamese diacritics', () => {
    expect(viLeaves.filter(([, v]) => strippedOfDiacritics(String(v))).map(([k]) => k)).toEqual([]);
  });
});

it('a text stripped of its diacritics is caught, a short plain term is not', () => {
  expect(strippedOfDiacritics('Dang tai du lieu…')).toBe(true);
  expect(strippedOfDiacritics('Đang tải dữ liệu')).toBe(false);
  expect(strippedOfDiacritics('Giao cho {{name}}')).toBe(false);
  expect(strippedOfDiacritics('NGSI-LD / NGSI v2')).toBe(false);
});
