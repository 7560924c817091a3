import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessScope, Role } from '@cityioc/contracts';
import { cityScope } from '@cityioc/domain';
import type { AccessService } from './access.service.ts';
import { newToken } from './secrets.ts';

/** The file in the data folder that keeps the demo's passwords and kiosk token between starts (mode 0600). */
export const DEMO_ACCESS_FILE = 'demo-access.json';

/**
 * The demo operator's commune: phường Ninh Kiều (31135, since 1 July 2025; Nghị quyết 1668/NQ-UBTVQH15).
 * On another city's registry (IOC_AREAS_FILE) that has no such unit, the demo operator covers the city.
 */
export const DEMO_COMMUNE = '31135';

export interface DemoAccount {
  username: string;
  name: string;
  role: Role;
  scopes: AccessScope;
  password: string;
}

export interface DemoAccess {
  accounts: DemoAccount[];
  kioskToken: string;
}

/**
 * Demo mode (IOC_DEMO, the default of `npm start`): a leader, an operator of one commune, an
 * analyst and an administrator with generated passwords, and a wall device, created once in the
 * store and kept in <data>/demo-access.json so that every start prints the same ones. Nothing is
 * readable without signing in, in demo mode too: the kiosk link opens the wall at once.
 */
export async function ensureDemoAccess(access: AccessService, dataDir: string, hasArea: (code: string) => boolean): Promise<DemoAccess> {
  const file = join(dataDir, DEMO_ACCESS_FILE);
  let kept: DemoAccess | null = null;
  if (existsSync(file)) {
    try {
      kept = JSON.parse(readFileSync(file, 'utf8')) as DemoAccess;
    } catch {
      kept = null;
    }
  }
  const city = access.tree.city;
  const commune = hasArea(DEMO_COMMUNE) ? DEMO_COMMUNE : city;
  const password = (username: string) => kept?.accounts.find((a) => a.username === username)?.password ?? newToken().slice(0, 16);
  const demo: DemoAccess = {
    accounts: [
      { username: 'lanhdao', name: 'Lãnh đạo UBND thành phố (demo)', role: 'leader', scopes: cityScope(city), password: password('lanhdao') },
      {
        username: 'vanhanh',
        name: `Cán bộ vận hành ${commune} (demo)`,
        role: 'operator',
        scopes: { units: [commune], agencies: [] },
        password: password('vanhanh'),
      },
      { username: 'phantich', name: 'Chuyên viên phân tích (demo)', role: 'analyst', scopes: cityScope(city), password: password('phantich') },
      { username: 'quantri', name: 'Quản trị hệ thống (demo)', role: 'admin', scopes: cityScope(city), password: password('quantri') },
    ],
    kioskToken: kept?.kioskToken ?? newToken(),
  };
  for (const a of demo.accounts) await access.accounts.ensure(a);
  await access.devices.ensureWithToken('Màn hình tường IOC (demo)', cityScope(city), demo.kioskToken);
  writeFileSync(file, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return demo;
}

/** What `npm start` prints in demo mode. */
export function demoAccessText(demo: DemoAccess, baseUrl: string): string {
  const lines = [
    '',
    '  CityIOC demo — tài khoản thử nghiệm / demo accounts (sign in at ' + `${baseUrl}/login)`,
    ...demo.accounts.map((a) => `    ${a.role.padEnd(9)} ${a.username.padEnd(9)} ${a.password}   ${a.scopes.units.join(', ')}`),
    `  Màn hình tường / wall screen (kiosk link): ${baseUrl}/kiosk/${demo.kioskToken}`,
    '',
  ];
  return lines.join('\n');
}
