import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PATHS } from '../app/route-tree.tsx';
import { PageShell } from '../shell/PageShell.tsx';
import { visiblePages } from './access.model.ts';
import type { SessionUser } from './session.ts';
import './access.css';

/** In place of a page the session's role may not open: why, and the pages it may open. */
export function Forbidden({ user }: { user: SessionUser | null }) {
  const { t } = useTranslation();
  const pages = visiblePages(user);
  return (
    <PageShell subtitle={t('auth.forbiddenPage')} testId="forbidden-page">
      <div className="forbidden" role="alert" data-testid="forbidden">
        <h2 className="forbidden-title">{t('auth.forbiddenPage')}</h2>
        {user && <p>{t('auth.forbiddenHint', { role: t(`auth.role.${user.role}`) })}</p>}
        <ul className="forbidden-links">
          {pages.map((p) => (
            <li key={p}>
              <Link to={PATHS[p]} className="btn">
                {p === 'admin' ? t('auth.adminArea') : t(`nav.${p}`)}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </PageShell>
  );
}

/** A request refused with 403, in place of what it would have shown. */
export function NoPermission({ message }: { message?: string }) {
  const { t } = useTranslation();
  return (
    <div className="no-permission" role="alert" data-testid="no-permission">
      {message ?? t('auth.forbidden')}
    </div>
  );
}
