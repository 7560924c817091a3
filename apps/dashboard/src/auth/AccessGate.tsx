import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../app/hooks.ts';
import { canOpen, type AppPage } from './access.model.ts';
import { goToSignIn } from './navigate.ts';
import { useSession } from './useSession.ts';

/** The "no permission" page uses the desktop page frame: its own chunk, not the wall's. */
const Forbidden = lazy(() => import('./Forbidden.tsx').then((m) => ({ default: m.Forbidden })));

/**
 * Around every page: without a session the sign-in page takes over (with this page as returnTo);
 * a page the role may not open says so in place. The wall renders at once (its reads wait for
 * nothing); the other pages wait for the session, so they never flash what they would refuse.
 */
export function AccessGate({ page, children }: { page: AppPage; children: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { session, user } = useSession();
  const signedOut = session?.status === 'signedOut';
  useEffect(() => {
    if (signedOut && page !== 'login') goToSignIn(lang);
  }, [signedOut, page, lang]);

  if (page === 'login') return children;
  if (page === 'wall') return signedOut ? null : children;
  if (!session || signedOut)
    return (
      <div className="page page-loading" aria-busy="true">
        <span className="sr-only">{t('auth.checking')}</span>
      </div>
    );
  if (!canOpen(user, page))
    return (
      <Suspense fallback={<div className="page page-loading" />}>
        <Forbidden user={user} />
      </Suspense>
    );
  return children;
}
