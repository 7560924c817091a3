import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageShell } from '../shell/PageShell.tsx';
import { ADMIN_SECTIONS } from './sections.ts';
import './admin-i18n.ts';
import '../auth/access.css';
import './admin.css';

/** /admin/*: the page frame with the sections' navigation (ADMIN_SECTIONS) beside the open section. */
export function AdminLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <PageShell subtitle={t('access.subtitle')} testId="admin-page">
      <div className="adm">
        <nav className="adm-nav" aria-label={t('access.nav')} data-testid="admin-nav">
          <div className="adm-nav-title">{t('access.title')}</div>
          {ADMIN_SECTIONS.map((s) => (
            <Link key={s.id} to={s.path} activeProps={{ className: 'active', 'aria-current': 'page' }} data-testid={`admin-nav-${s.id}`}>
              {t(s.title)}
            </Link>
          ))}
        </nav>
        <div className="adm-main">{children}</div>
      </div>
    </PageShell>
  );
}

/** /admin: the sections, each with what it is for. */
export function AdminHome() {
  const { t } = useTranslation();
  return (
    <>
      <div className="adm-head">
        <h2 className="page-title">{t('access.title')}</h2>
      </div>
      <p className="adm-sub">{t('access.intro')}</p>
      <div className="adm-cards">
        {ADMIN_SECTIONS.map((s) => (
          <Link key={s.id} to={s.path} className="adm-card">
            <b>{t(s.title)}</b>
            <span>{t(`access.sectionHint.${s.id}`, { defaultValue: '' })}</span>
          </Link>
        ))}
      </div>
    </>
  );
}
