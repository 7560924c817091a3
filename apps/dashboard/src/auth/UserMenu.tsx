import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { cityWide, scopeNames } from './access.model.ts';
import { signOut } from './auth.queries.ts';
import { requestErrorText } from './error-text.ts';
import { reloadAtSignIn } from './navigate.ts';
import type { SessionUser } from './session.ts';
import { useScopeNames } from './useScopeNames.ts';
import './access.css';

/** The header's signed-in person: name, role and scope, and "Đăng xuất". */
export function UserMenu({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const names = useScopeNames(user.scopes.units);
  const out = useMutation({ mutationFn: () => signOut(), onSuccess: reloadAtSignIn });
  const scope = cityWide(user) ? null : scopeNames(user.scopes, names);
  const scopeText = scope === null ? t('auth.cityWide') : scope.names.length === 0 ? t('auth.noScope') : scope.names.join(', ');
  const err = out.error ? requestErrorText(out.error) : null;
  return (
    <div className="user-menu" data-testid="user-menu" data-role={user.role}>
      <div className="user-id">
        <span className="user-name" title={user.name} data-testid="user-name">
          {user.name}
        </span>
        <span className="user-scope" data-testid="user-scope">
          {user.kind === 'device' ? t('auth.device') : t(`auth.role.${user.role}`)} · {scopeText}
          {scope && scope.more > 0 ? ` ${t('auth.more', { count: scope.more })}` : ''}
        </span>
      </div>
      <button type="button" className="btn btn-quiet user-out" onClick={() => out.mutate()} disabled={out.isPending} data-testid="sign-out">
        {out.isPending ? t('auth.signingOut') : t('auth.signOut')}
      </button>
      {err && (
        <span className="user-error" role="alert">
          {t(err.key, err.params)}
        </span>
      )}
    </div>
  );
}
