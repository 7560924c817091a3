import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../app/hooks.ts';
import { PATHS, type PageName } from '../app/route-tree.tsx';
import { Header } from './Header.tsx';
import { OfflineBanner } from './OfflineBanner.tsx';

const NAV: readonly PageName[] = ['wall', 'operator', 'alerts', 'explorer', 'analyst', 'reporting', 'admin'];

/**
 * The frame of the desktop pages (operator, analyst): the wall's header with navigation, and a
 * body that scrolls. The links keep the language (?lang=), nothing else of the current view.
 */
export function PageShell({ subtitle, children, testId }: { subtitle: string; children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  return (
    <div className="page" data-testid={testId}>
      <Header timeZone={timeZone} subtitle={subtitle}>
        <nav className="page-nav" aria-label={t('nav.label')}>
          {NAV.map((r) => (
            <Link
              key={r}
              to={PATHS[r]}
              className="nav-link"
              activeOptions={{ exact: r !== 'admin', includeSearch: false }}
              activeProps={{ className: 'active', 'aria-current': 'page' }}
            >
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
