import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, vi } from '../i18n/resources.ts';
import { adminEn, adminVi } from './admin-i18n.data.ts';
import { AUDIT_ACTIONS } from './audit/audit.model.ts';
import { ADMIN_SECTIONS } from './sections.ts';

const lookup = (tree: object, key: string): unknown =>
  key.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), tree);

const SRC = new URL('..', import.meta.url).pathname;
/** Every literal t('…') key in the sign-in, header and administration sources. */
function literalKeys(): string[] {
  const files = ['auth', 'admin', 'admin/users', 'admin/feeds', 'admin/devices', 'admin/audit', 'admin/scope', 'admin/wall']
    .flatMap((d) =>
      readdirSync(join(SRC, d))
        .filter((f) => f.endsWith('.tsx'))
        .map((f) => join(SRC, d, f)),
    )
    .concat([join(SRC, 'shell/PageShell.tsx'), join(SRC, 'screens/alerts.screen.tsx')]);
  const keys = new Set<string>();
  for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) keys.add(m[1]!);
  return [...keys];
}

describe('sign-in and administration strings', () => {
  it('exist in Vietnamese and English for every key the pages use', () => {
    const keys = [...literalKeys(), ...ADMIN_SECTIONS.map((s) => s.title), ...AUDIT_ACTIONS.map((a) => a.label)];
    expect(keys.length).toBeGreaterThan(80);
    for (const [lang, tree] of [
      ['vi', { ...vi, ...adminVi }],
      ['en', { ...en, ...adminEn }],
    ] as const) {
      const missing = keys.filter((k) => typeof lookup(tree, k) !== 'string');
      expect(missing, `missing in ${lang}`).toEqual([]);
    }
  });

  it('keep the Vietnamese diacritics', () => {
    expect(vi.auth.error.credentials).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    expect(adminVi.access.feeds.newKeyNote).toContain('không xem lại được');
  });
});
