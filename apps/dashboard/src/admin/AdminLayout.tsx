import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageShell } from '../shell/PageShell.tsx';
import { ADMIN_SECTIONS } from './sections.ts';

/** The administration area: the sections of admin/sections.ts beside the page of the one open. */
export function AdminLayout() {
  const { t } = useTranslation();
  return (
    <PageShell subtitle={t('adminArea.subtitle')} testId="admin-page">
      <div className="admin-layout">
        <nav className="admin-nav" aria-label={t('adminArea.nav')} data-testid="admin-nav">
          {ADMIN_SECTIONS.map((s) => (
            <Link
              key={s.id}
              to={s.path}
              className="admin-nav-link"
              activeProps={{ className: 'active', 'aria-current': 'page' }}
              data-testid={`admin-nav-${s.id}`}
            >
              {t(s.title)}
            </Link>
          ))}
        </nav>
        <div className="admin-body">
          <Outlet />
        </div>
      </div>
    </PageShell>
  );
}

/** /admin: what each section is for. */
export function AdminHome() {
  const { t } = useTranslation();
  return (
    <section>
      <h2 className="page-title">{t('adminArea.heading')}</h2>
      <ul className="admin-home">
        {ADMIN_SECTIONS.map((s) => (
          <li key={s.id}>
            <Link to={s.path}>{t(s.title)}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
