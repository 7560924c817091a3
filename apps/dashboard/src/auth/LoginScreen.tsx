import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageProps } from '../app/page.ts';
import { HttpError } from '../queries/http.ts';
import { TextField } from '../components/TextField.tsx';
import { Emblem } from '../shell/Emblem.tsx';
import { LangToggle } from '../shell/Header.tsx';
import { oidcHref } from './access.model.ts';
import { authConfigQuery, signIn, signOut } from './auth.queries.ts';
import { signInErrorText } from './error-text.ts';
import type { LoginSearch } from './login-state.ts';
import { reloadAt, reloadAtSignIn } from './navigate.ts';
import { useSession } from './useSession.ts';
import './access.css';

/** Seconds left until `until` (epoch ms), ticking every second; 0 once passed. */
function useSecondsLeft(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/**
 * /login: username and password (the server sets an HttpOnly session cookie, kept across tabs and
 * reloads), the city's identity provider when configured, and the demo hint. Afterwards the page
 * of `returnTo` is loaded afresh. Errors are precise: wrong credentials, too many attempts (with
 * the wait), server unreachable.
 */
export function LoginScreen({ search }: PageProps<LoginSearch>) {
  const { t } = useTranslation();
  const returnTo = search.returnTo ?? '/';
  const config = useQuery(authConfigQuery());
  const { session, user } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const login = useMutation({
    mutationFn: () => signIn(username.trim(), password),
    onSuccess: () => reloadAt(returnTo),
    onError: (e) => {
      if (e instanceof HttpError && e.status === 429) setWaitUntil(Date.now() + (e.retryAfterSec ?? 60) * 1000);
      setPassword('');
    },
  });
  const out = useMutation({ mutationFn: () => signOut(), onSuccess: reloadAtSignIn });
  const secondsLeft = useSecondsLeft(waitUntil);
  const waiting = secondsLeft > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    if (!waiting) login.mutate();
  };

  const err = login.error ? signInErrorText(login.error) : null;
  // the wait counts down in the message itself
  const errText = err ? (err.key === 'auth.error.tooMany' ? t(err.key, { seconds: secondsLeft || err.params?.seconds }) : t(err.key, err.params)) : null;
  const noAccounts = config.isSuccess && config.data === null;
  const cfg = config.data ?? null;

  return (
    <main className="login-page" data-testid="login-page">
      <div className="login-lang">
        <LangToggle />
      </div>
      <section className="login-card" aria-labelledby="login-title">
        <header className="login-head">
          <Emblem className="login-emblem" />
          <div>
            <div className="login-org">{t('app.title')}</div>
            <h1 id="login-title" className="login-title">
              {t('auth.title')}
            </h1>
            <div className="login-lead">{t('auth.lead')}</div>
          </div>
        </header>

        {session?.status === 'signedIn' && user ? (
          <div className="login-signed" data-testid="login-signed-in">
            <p>{t('auth.signedInAs', { name: user.name, role: t(`auth.role.${user.role}`) })}</p>
            <div className="login-actions">
              <button type="button" className="btn btn-primary btn-wide" onClick={() => reloadAt(returnTo)} data-testid="login-continue">
                {t('auth.continue')}
              </button>
              <button type="button" className="btn btn-wide" onClick={() => out.mutate()} disabled={out.isPending} data-testid="login-sign-out">
                {t('auth.signOut')}
              </button>
            </div>
          </div>
        ) : noAccounts ? (
          <div className="login-signed" data-testid="login-no-accounts">
            <p>{t('auth.noAccounts')}</p>
            <a className="btn btn-primary btn-wide" href={returnTo}>
              {t('auth.toWall')}
            </a>
          </div>
        ) : (
          <>
            <form className="login-form" onSubmit={submit} noValidate data-testid="login-form">
              <TextField
                label={t('auth.username')}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                value={username}
                onChange={setUsername}
                autoFocus
                testId="login-username"
              />
              <TextField
                label={t('auth.password')}
                type="password"
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={setPassword}
                testId="login-password"
              />
              {(missing || errText) && (
                <div className="ioc-error" role="alert" data-testid="login-error" data-code={missing ? 'missing' : (err?.key ?? '')}>
                  {missing ? t('auth.missing') : errText}
                </div>
              )}
              <button type="submit" className="btn btn-primary btn-wide" disabled={login.isPending || waiting} data-testid="login-submit">
                {login.isPending ? t('auth.submitting') : waiting ? t('auth.wait', { seconds: secondsLeft }) : t('auth.submit')}
              </button>
              {search.returnTo && <p className="login-note">{t('auth.returnNote')}</p>}
            </form>
            {cfg?.oidc?.enabled && (
              <>
                <div className="login-or">
                  <span>{t('auth.or')}</span>
                </div>
                <a className="btn btn-wide btn-oidc" href={oidcHref(returnTo)} data-testid="login-oidc">
                  {t('auth.oidc', { label: cfg.oidc.label })}
                </a>
              </>
            )}
            {cfg?.demo && (
              <p className="login-demo" data-testid="login-demo">
                {t('auth.demoHint')}
              </p>
            )}
          </>
        )}
      </section>
    </main>
  );
}
