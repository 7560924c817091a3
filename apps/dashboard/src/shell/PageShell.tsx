import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../app/hooks.ts';
import { Link, matchRoute, ROUTES, useLocation, type RouteName } from '../app/router.ts';
import { Header } from './Header.tsx';
import { OfflineBanner } from './OfflineBanner.tsx';

const NAV: readonly RouteName[] = ['wall', 'operator', 'alerts', 'explorer', 'analyst', 'reporting'];

/** The frame of the desktop pages (operator, analyst): the wall's header with navigation, and a body that scrolls. */
export function PageShell({ subtitle, children, testId }: { subtitle: string; children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  const { pathname, search } = useLocation();
  const here = matchRoute(pathname);
  const lang = new URLSearchParams(search).get('lang');
  const keep = lang ? `?lang=${encodeURIComponent(lang)}` : '';
  return (
    <div className="page" data-testid={testId}>
      <Header timeZone={timeZone} subtitle={subtitle}>
        <nav className="page-nav" aria-label={t('nav.label')}>
          {NAV.map((r) => (
            <Link key={r} to={ROUTES[r] + keep} className={r === here ? 'nav-link active' : 'nav-link'} aria-current={r === here ? 'page' : undefined}>
              {t(`nav.${r}`)}
            </Link>
          ))}
        </nav>
      </Header>
      <OfflineBanner />
      <div className="page-body">{children}</div>
    </div>
  );
}
