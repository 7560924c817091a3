import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../../app/hooks.ts';
import { cityWide, scopeNames } from '../../auth/access.model.ts';
import { NoPermission } from '../../auth/Forbidden.tsx';
import type { Scopes } from '../../auth/session.ts';
import { useScopeNames } from '../../auth/useScopeNames.ts';
import { formatDateTime } from '../../format/format.ts';
import { HttpError } from '../../queries/http.ts';
import type { DeviceCreated } from '@cityioc/contracts';
import { createDevice, devicesQuery, revokeDevice } from '../admin.queries.ts';
import { CopyOnce } from '../CopyOnce.tsx';
import { ScopePicker } from '../scope/ScopePicker.tsx';
import type { FieldErrors } from '../users/users.model.ts';
import { kioskUrl, newDeviceBody } from './devices.model.ts';
import { ListTable } from '../ListState.tsx';
import { AdminHead, MutationButton, FormActions, RequestError } from '../form-parts.tsx';
import { FieldError, TextField } from '../../components/TextField.tsx';
import '../admin-i18n.ts';

/** /admin/devices: wall screens; a new one's kiosk link is shown once with a copy button; revoking ends its sessions. */
export function DevicesPage() {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  const names = useScopeNames();
  const qc = useQueryClient();
  const devices = useQuery(devicesQuery());
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<DeviceCreated | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: devicesQuery().queryKey });
  const revoke = useMutation({ mutationFn: revokeDevice, onSuccess: refresh });
  if (devices.error instanceof HttpError && devices.error.status === 403) return <NoPermission />;
  const scopeText = (s: Scopes) => {
    if (cityWide({ id: '', name: '', role: 'leader', kind: 'device', scopes: s })) return t('auth.cityWide');
    const n = scopeNames(s, names, 3);
    return `${n.names.join(', ')}${n.more ? ` ${t('auth.more', { count: n.more })}` : ''}`;
  };
  return (
    <>
      <AdminHead title={t('access.devices.heading')} addLabel={t('access.devices.add')} onAdd={() => setAdding(true)} testId="device-add" />
      {created && (
        <CopyOnce
          title={t('access.devices.link', { name: created.device.name })}
          value={kioskUrl(window.location.origin, created.link)}
          note={t('access.devices.linkNote')}
          onClose={() => setCreated(null)}
          testId="device-link"
        />
      )}
      {adding && (
        <DeviceForm
          onDone={(d) => {
            setAdding(false);
            setCreated(d);
            void refresh();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      <RequestError error={revoke.error} />
      <ListTable
        query={devices}
        emptyKey="access.devices.empty"
        testId="devices-table"
        prefix="access.devices"
        columns={['name', 'scopes', 'created', 'lastSeen', 'state', '']}
        row={(d) => (
          <tr key={d.id} className={d.revokedAt !== null ? 'is-off' : undefined} data-testid={`device-row-${d.id}`} data-revoked={d.revokedAt !== null}>
            <td>{d.name}</td>
            <td>{scopeText(d.scopes)}</td>
            <td className="num">{formatDateTime(d.createdAt, timeZone)}</td>
            <td className="num">{d.lastSeenAt ? formatDateTime(d.lastSeenAt, timeZone) : t('access.never')}</td>
            <td>
              {d.revokedAt !== null ? (
                <span className="tag tag-bad">{t('access.devices.revoked', { time: formatDateTime(d.revokedAt, timeZone) })}</span>
              ) : (
                <span className="tag tag-good">{t('access.devices.active')}</span>
              )}
            </td>
            <td>
              {d.revokedAt === null && (
                <MutationButton danger onClick={() => revoke.mutate(d.id)} pending={revoke.isPending} testId={`device-revoke-${d.id}`}>
                  {t('access.devices.revoke')}
                </MutationButton>
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}

function DeviceForm({ onDone, onCancel }: { onDone: (d: DeviceCreated) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scopes>({ units: [], agencies: [] });
  const [errors, setErrors] = useState<FieldErrors<'name' | 'scopes'>>({});
  const save = useMutation({ mutationFn: createDevice, onSuccess: onDone });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { body, errors: found } = newDeviceBody(name, scopes);
    setErrors(found);
    if (body) save.mutate(body);
  };
  return (
    <form className="adm-panel" onSubmit={submit} noValidate data-testid="device-form">
      <div className="adm-panel-title">{t('access.devices.add')}</div>
      <TextField label={t('access.devices.name')} value={name} onChange={setName} error={errors.name} testId="device-name" />
      <ScopePicker value={scopes} onChange={setScopes} testId="device-scope" invalid={!!errors.scopes} />
      <FieldError error={errors.scopes} />
      <RequestError error={save.error} />
      <FormActions pending={save.isPending} creating onCancel={onCancel} testId="device-save" />
    </form>
  );
}
