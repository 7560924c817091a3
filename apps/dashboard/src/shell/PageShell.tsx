import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../app/hooks.ts';
import { PATHS } from '../app/route-tree.tsx';
import { visiblePages } from '../auth/access.model.ts';
import { UserMenu } from '../auth/UserMenu.tsx';
import { useSession } from '../auth/useSession.ts';
import { Header } from './Header.tsx';
import { OfflineBanner } from './OfflineBanner.tsx';

/**
 * The frame of the desktop pages (operator, analyst, administration): the wall's header with, on a
 * second row, the navigation to the pages the session's role may open and the signed-in person with
 * "Đăng xuất", and a body that scrolls. The links keep the language (?lang=), nothing else of the current view.
 */
export function PageShell({ subtitle, children, testId }: { subtitle: string; children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  const { user } = useSession();
  return (
    <div className="page" data-testid={testId}>
      <Header
        timeZone={timeZone}
        subtitle={subtitle}
        bar={
          <>
            <nav className="page-nav" aria-label={t('nav.label')}>
              {visiblePages(user).map((r) => (
                <Link
                  key={r}
                  to={PATHS[r]}
                  className="nav-link"
                  activeOptions={{ exact: r !== 'admin', includeSearch: false }}
                  activeProps={{ className: 'active', 'aria-current': 'page' }}
                  data-testid={`nav-${r}`}
                >
                  {r === 'admin' ? t('auth.adminArea') : t(`nav.${r}`)}
                </Link>
              ))}
            </nav>
            {user && <UserMenu user={user} />}
          </>
        }
      />
      <OfflineBanner />
      <div className="page-body">{children}</div>
    </div>
  );
}
