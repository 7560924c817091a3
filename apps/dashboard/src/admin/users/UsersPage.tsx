import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../../app/hooks.ts';
import { cityWide, scopeNames } from '../../auth/access.model.ts';
import { NoPermission } from '../../auth/Forbidden.tsx';
import { ROLES, type Role } from '../../auth/session.ts';
import { useScopeNames } from '../../auth/useScopeNames.ts';
import { formatDateTime } from '../../format/format.ts';
import { HttpError } from '../../queries/http.ts';
import { PASSWORD_MIN_LENGTH, type AdminUser, type AdminUserCreate, type AdminUserPatch } from '@cityioc/contracts';
import { createUser, patchUser, usersQuery } from '../admin.queries.ts';
import { ScopePicker } from '../scope/ScopePicker.tsx';
import { EMPTY_USER, formOf, newUserBody, userPatch, type FieldErrors, type UserField, type UserForm } from './users.model.ts';
import { ListTable } from '../ListState.tsx';
import { AdminHead, MutationButton, FormActions, RequestError } from '../form-parts.tsx';
import { FieldError, TextField } from '../../components/TextField.tsx';
import '../admin-i18n.ts';

/** /admin/users: accounts, their role and scope (by unit and agency name), password reset, disabling. */
export function UsersPage() {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  const names = useScopeNames();
  const qc = useQueryClient();
  const users = useQuery(usersQuery());
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: (u: AdminUser) => patchUser(u.id, { disabled: !u.disabled }),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersQuery().queryKey }),
  });
  if (users.error instanceof HttpError && users.error.status === 403) return <NoPermission />;
  const scopeText = (u: AdminUser) => {
    if (cityWide({ ...u, kind: 'user' })) return t('auth.cityWide');
    const s = scopeNames(u.scopes, names, 3);
    return s.names.length === 0 ? t('auth.noScope') : `${s.names.join(', ')}${s.more ? ` ${t('auth.more', { count: s.more })}` : ''}`;
  };
  return (
    <>
      <AdminHead title={t('access.users.heading')} addLabel={t('access.users.add')} onAdd={() => setEditing('new')} testId="user-add">
        {notice && (
          <span className="ioc-ok" role="status" data-testid="users-notice">
            {notice}
          </span>
        )}
      </AdminHead>
      {editing && (
        <UserFormPanel
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? null : editing}
          onDone={(message) => {
            setEditing(null);
            setNotice(message);
            void qc.invalidateQueries({ queryKey: usersQuery().queryKey });
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <RequestError error={toggle.error} />
      <ListTable
        query={users}
        emptyKey="access.users.empty"
        testId="users-table"
        prefix="access.users"
        columns={['username', 'name', 'role', 'scopes', 'status', 'lastLogin', '']}
        row={(u) => (
          <tr key={u.id} className={u.disabled ? 'is-off' : undefined} data-testid={`user-row-${u.username}`} data-disabled={u.disabled}>
            <td className="mono">
              {u.username}
              <span className="adm-sub">{t(`access.users.origin.${u.origin}`)}</span>
            </td>
            <td>{u.name}</td>
            <td>{t(`auth.role.${u.role}`)}</td>
            <td>{scopeText(u)}</td>
            <td>
              <span className={u.disabled ? 'tag tag-bad' : 'tag tag-good'}>{u.disabled ? t('access.users.disabled') : t('access.users.active')}</span>
            </td>
            <td className="num">{u.lastLoginAt ? formatDateTime(u.lastLoginAt, timeZone) : t('access.never')}</td>
            <td>
              <div className="adm-actions">
                <button type="button" className="btn" onClick={() => setEditing(u)} data-testid={`user-edit-${u.username}`}>
                  {t('access.edit')}
                </button>
                <MutationButton danger={!u.disabled} onClick={() => toggle.mutate(u)} pending={toggle.isPending} testId={`user-toggle-${u.username}`}>
                  {u.disabled ? t('access.users.enable') : t('access.users.disable')}
                </MutationButton>
              </div>
            </td>
          </tr>
        )}
      />
    </>
  );
}

/** Create (username, name, role, scope, password) or edit (name, role, scope, new password) one account. */
function UserFormPanel({ user, onDone, onCancel }: { user: AdminUser | null; onDone: (message: string | null) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<UserForm>(() => (user ? formOf(user) : EMPTY_USER));
  const [errors, setErrors] = useState<FieldErrors<UserField>>({});
  const set = (patch: Partial<UserForm>) => setForm((f) => ({ ...f, ...patch }));
  const save = useMutation({
    mutationFn: async (op: { create: AdminUserCreate } | { patch: AdminUserPatch }): Promise<string | null> => {
      if ('create' in op) return t('access.users.created', { username: (await createUser(op.create)).username });
      await patchUser(user!.id, op.patch);
      return null;
    },
    onSuccess: onDone,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // checked here first: a form with errors stays open and names them
    if (!user) {
      const { body, errors: found } = newUserBody(form);
      setErrors(found);
      if (body) save.mutate({ create: body });
      return;
    }
    const { patch, errors: found } = userPatch(user, form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (patch) save.mutate({ patch });
    else onDone(null);
  };
  return (
    <form className="adm-panel" onSubmit={submit} noValidate data-testid="user-form">
      <div className="adm-panel-title">{user ? t('access.users.editing', { username: user.username }) : t('access.users.add')}</div>
      <div className="adm-grid">
        {!user && (
          <TextField
            label={t('access.users.username')}
            value={form.username}
            onChange={(username) => set({ username })}
            autoComplete="off"
            spellCheck={false}
            error={errors.username}
            testId="user-form-username"
          />
        )}
        <TextField label={t('access.users.name')} value={form.name} onChange={(name) => set({ name })} error={errors.name} testId="user-form-name" />
        <TextField
          label={user ? t('access.users.newPassword') : t('access.users.password')}
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(password) => set({ password })}
          error={errors.password}
          placeholder={t('access.users.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          testId="user-form-password"
        >
          {user && <span className="adm-sub">{t('access.users.resetHint')}</span>}
        </TextField>
      </div>
      <div className="ioc-field">
        <span className="ioc-label">{t('access.users.role')}</span>
        <RoleChoice value={form.role} onChange={(role) => set({ role })} />
      </div>
      {form.role === 'admin' ? (
        <div className="adm-sub">
          {t('access.users.scopes')}: {t('auth.cityWide')}
        </div>
      ) : (
        <>
          <ScopePicker value={form.scopes} onChange={(scopes) => set({ scopes })} testId="user-form-scope" invalid={!!errors.scopes} />
          <FieldError error={errors.scopes} />
        </>
      )}
      <RequestError error={save.error} testId="user-form-error" />
      <FormActions pending={save.isPending} creating={!user} onCancel={onCancel} testId="user-save" />
    </form>
  );
}

function RoleChoice({ value, onChange }: { value: Role; onChange: (r: Role) => void }) {
  const { t } = useTranslation();
  return (
    <div className="adm-seg" role="group" data-testid="user-role">
      {ROLES.map((r) => (
        <button key={r} type="button" aria-pressed={r === value} onClick={() => onChange(r)} data-testid={`user-role-${r}`}>
          {t(`auth.role.${r}`)}
        </button>
      ))}
    </div>
  );
}
