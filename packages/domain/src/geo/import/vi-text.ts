/**
 * Vietnamese name keys for matching names across sources. Vietnamese marks a syllable's tone on a
 * vowel, and sources disagree on which vowel ("Thuỷ" / "Thủy", "Hoà" / "Hòa"); some type Ð
 * (U+00D0, Icelandic eth) or ð for Đ/đ; some drop spaces ("NinhKiều"). Keys keep the letters and
 * their vowel-quality marks (â, ă, ê, ô, ơ, ư), move the tone to the end of the syllable, and drop
 * case and spaces, so those variants meet while "Hòa" and "Hóa" stay apart.
 */

const TONES: Record<string, string> = {
  '\u0300': '2', // huyền (grave)
  '\u0301': '1', // sắc (acute)
  '\u0303': '4', // ngã (tilde)
  '\u0309': '3', // hỏi (hook above)
  '\u0323': '5', // nặng (dot below)
};

/** Đ lookalikes: Đ U+0110, Ð U+00D0 (eth), Ɖ U+0189 (African D); and lower case đ, ð. */
const D_LOOKALIKES = /[\u0110\u00D0\u0189\u0111\u00F0\u0256]/g;

/** Canonical text: NFC, Đ lookalikes made Đ/đ, runs of white space collapsed. */
export function canonicalVi(s: string): string {
  return s
    .normalize('NFC')
    .replace(D_LOOKALIKES, (c) => (c === c.toUpperCase() ? 'Đ' : 'đ'))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Removes every mark (tones and vowel marks) and makes đ → d: "Thủy Đông" → "Thuy Dong". */
export function unaccent(s: string): string {
  return canonicalVi(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * Key for exact matching across tone placement, case, lookalike letters and missing spaces: the
 * letters with their vowel marks but without tones, then the tones in reading order ("Bình Thủy"
 * and "BìnhThuỷ" → "binhthuy23"; "Hòa" → "hoa2", "Hóa" → "hoa1").
 */
export function nameKey(s: string): string {
  let letters = '';
  let tones = '';
  for (const ch of canonicalVi(s).toLowerCase().normalize('NFD')) {
    const t = TONES[ch];
    if (t) tones += t;
    else if (!/[\s\-–_.,]/.test(ch)) letters += ch;
  }
  return letters.normalize('NFC') + tones;
}

/** Looser key without any marks (for a last-resort match when it is unambiguous). */
export function looseKey(s: string): string {
  return unaccent(s)
    .toLowerCase()
    .replace(/[\s\-–_.,]+/g, '');
}

const PREFIXES = ['thành phố', 'thị trấn', 'thị xã', 'phường', 'quận', 'huyện', 'tỉnh', 'xã', 'đặc khu', 'tp', 'tt', 'tx', 'p', 'x', 'q', 'h'];

/**
 * The name without its unit-type prefix ("Phường Ninh Kiều" → "Ninh Kiều", "TP. Cần Thơ" → "Cần Thơ").
 * Numbered units keep it: "Phường 5" stays "Phường 5", since "5" alone names nothing.
 */
export function stripUnitPrefix(s: string): string {
  const text = canonicalVi(s);
  const lower = text.toLowerCase();
  for (const p of PREFIXES) {
    const m = new RegExp(`^${p}\\.?\\s*`, 'u').exec(lower);
    if (!m) continue;
    const rest = text.slice(m[0].length).trim();
    // Single letters ("P", "X", "H", "Q") only count as a prefix when followed by a dot or a space.
    if (p.length === 1 && !/[.\s]/.test(m[0].slice(1))) continue;
    if (!rest || /^([0-9]+|[IVXLC]+)$/u.test(rest)) return text;
    return rest;
  }
  return text;
}

/** English name as used in the registry: unaccented, with the type in English ("Ninh Kieu Ward"). */
export function englishName(name: string, type: string): string {
  const base = unaccent(name);
  const numbered = /^Phường ([0-9]+|[IVXLC]+)$/u.exec(canonicalVi(name));
  if (numbered) return `Ward ${numbered[1]}`;
  const suffix: Record<string, string> = {
    phường: 'Ward',
    xã: 'Commune',
    'thị trấn': 'Town',
    'thị xã': 'Town',
    quận: 'District',
    huyện: 'District',
    'thành phố': 'City',
    tỉnh: 'Province',
    'đặc khu': 'Special Zone',
  };
  const s = suffix[type];
  return s ? `${base} ${s}` : base;
}
