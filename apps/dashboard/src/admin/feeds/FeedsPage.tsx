import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../../app/hooks.ts';
import { NoPermission } from '../../auth/Forbidden.tsx';
import { formatDateTime } from '../../format/format.ts';
import { HttpError } from '../../queries/http.ts';
import { useClock } from '../../realtime/RealtimeProvider.tsx';
import type { FeedKeyCreated, FeedSource } from '@cityioc/contracts';
import { createFeedSource, feedSourcesQuery, patchFeedSource, revokeFeedKey, rotateFeedKey } from '../admin.queries.ts';
import { CopyOnce } from '../CopyOnce.tsx';
import type { FieldErrors } from '../users/users.model.ts';
import { grantForm, keyState, NEW_GRANT, newSourceBody, oldKeyValidUntil, sourcePatch, type GrantForm, type SourceField } from './feeds.model.ts';
import { GrantEditor } from './GrantEditor.tsx';
import { ListTable } from '../ListState.tsx';
import { AdminHead, MutationButton, FormActions, RequestError } from '../form-parts.tsx';
import { TextField } from '../../components/TextField.tsx';
import '../admin-i18n.ts';

/**
 * /admin/feeds: the feed sources, what their keys may write (the grant editor), their keys; a new
 * key is shown once with a copy button and the end of the old key's validity (the overlap window).
 */
export function FeedsPage() {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  const { now } = useClock();
  const qc = useQueryClient();
  const sources = useQuery(feedSourcesQuery());
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const [created, setCreated] = useState<FeedKeyCreated | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: feedSourcesQuery().queryKey });
  const rotate = useMutation({
    mutationFn: (id: string) => rotateFeedKey(id),
    onSuccess: async (k) => {
      setCreated(k);
      await refresh();
    },
  });
  const revoke = useMutation({ mutationFn: ({ id, keyId }: { id: string; keyId: string }) => revokeFeedKey(id, keyId), onSuccess: refresh });
  if (sources.error instanceof HttpError && sources.error.status === 403) return <NoPermission />;
  const until = created
    ? oldKeyValidUntil(
        sources.data?.find((s) => s.id === created.sourceId),
        created.key.id,
        now,
      )
    : null;
  const selected = open && open !== 'new' ? sources.data?.find((s) => s.id === open) : undefined;

  return (
    <>
      <AdminHead title={t('access.feeds.heading')} addLabel={t('access.feeds.add')} onAdd={() => setOpen('new')} testId="feed-add" />
      {created && (
        <CopyOnce
          title={t('access.feeds.newKey', { source: created.sourceId })}
          value={created.secret}
          note={t('access.feeds.newKeyNote')}
          onClose={() => setCreated(null)}
          testId="feed-new-key"
        >
          {until !== null && (
            <p className="once-note" data-testid="feed-old-key-until">
              {t('access.feeds.oldValidUntil', { time: formatDateTime(until, timeZone) })}
            </p>
          )}
        </CopyOnce>
      )}
      <RequestError error={rotate.error ?? revoke.error} />
      {(open === 'new' || (selected && !selected.fromEnvironment)) && (
        <SourceForm
          key={selected?.id ?? 'new'}
          source={selected ?? null}
          onDone={() => {
            setOpen(null);
            void refresh();
          }}
          onCancel={() => setOpen(null)}
        />
      )}
      <ListTable
        query={sources}
        emptyKey="access.feeds.empty"
        testId="feeds-table"
        prefix="access.feeds"
        columns={['name', 'grant', 'keys', '']}
        row={(s) => (
          <tr key={s.id} data-testid={`feed-row-${s.id}`}>
            <td>
              {s.name}
              <span className="adm-sub mono">{s.id}</span>
              {s.fromEnvironment && <span className="adm-sub">{t('access.feeds.fromEnvironment')}</span>}
            </td>
            <td>
              <GrantSummary source={s} />
            </td>
            <td>
              {s.keys.length === 0 ? (
                <span className="adm-sub">{t('access.feeds.noKeys')}</span>
              ) : (
                <ul className="adm-keys">
                  {s.keys.map((k) => {
                    const state = keyState(k, now);
                    return (
                      <li key={k.id} data-testid={`feed-key-${k.id}`} data-state={state}>
                        <span className="mono">{k.prefix}…</span>{' '}
                        <span className={state === 'valid' ? 'tag tag-good' : state === 'expiring' ? 'tag tag-warn' : 'tag tag-bad'}>
                          {state === 'valid'
                            ? t('access.feeds.valid')
                            : state === 'expiring'
                              ? t('access.feeds.validUntil', { time: formatDateTime(k.expiresAt, timeZone) })
                              : t('access.feeds.revoked')}
                        </span>
                        <span className="adm-sub">
                          {t('access.feeds.keyCreated')} {formatDateTime(k.createdAt, timeZone)}
                        </span>
                        {!s.fromEnvironment && (state === 'valid' || state === 'expiring') && (
                          <MutationButton
                            quiet
                            danger
                            onClick={() => revoke.mutate({ id: s.id, keyId: k.id })}
                            pending={revoke.isPending}
                            testId={`feed-key-revoke-${k.id}`}
                          >
                            {t('access.feeds.revoke')}
                          </MutationButton>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </td>
            <td>
              {!s.fromEnvironment && (
                <div className="adm-actions">
                  <button type="button" className="btn" onClick={() => setOpen(s.id)} data-testid={`feed-edit-${s.id}`}>
                    {t('access.edit')}
                  </button>
                  <MutationButton onClick={() => rotate.mutate(s.id)} pending={rotate.isPending} testId={`feed-rotate-${s.id}`}>
                    {t('access.feeds.rotate')}
                  </MutationButton>
                </div>
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}

/** The grant in words: endpoints, then the limits that apply. */
function GrantSummary({ source }: { source: FeedSource }) {
  const { t } = useTranslation();
  const g = source.grant;
  const endpoints = g.endpoints.includes('*') ? t('access.feeds.endpoint.all') : g.endpoints.map((e) => t(`access.feeds.endpoint.${e}`)).join(', ');
  const limits = (['stations', 'units', 'agencies'] as const).filter((f) => g[f] !== null).map((f) => `${t(`access.feeds.${f}`)}: ${g[f]!.join(', ')}`);
  return (
    <>
      {endpoints}
      {limits.map((l) => (
        <span key={l} className="adm-sub">
          {l}
        </span>
      ))}
    </>
  );
}

/** A new source (id, name, grant) or an existing one's name and grant. */
function SourceForm({ source, onDone, onCancel }: { source: FeedSource | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [name, setName] = useState(source?.name ?? '');
  const [grant, setGrant] = useState<GrantForm>(() => (source ? grantForm(source.grant) : NEW_GRANT));
  const [errors, setErrors] = useState<FieldErrors<SourceField>>({});
  const save = useMutation({
    mutationFn: (op: { create: Parameters<typeof createFeedSource>[0] } | { patch: Parameters<typeof patchFeedSource>[1] }) =>
      'create' in op ? createFeedSource(op.create) : patchFeedSource(source!.id, op.patch),
    onSuccess: onDone,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!source) {
      const { body, errors: found } = newSourceBody(id, name, grant);
      setErrors(found);
      if (body) save.mutate({ create: body });
      return;
    }
    const { patch, errors: found } = sourcePatch(source, name, grant);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (patch) save.mutate({ patch });
    else onDone();
  };
  return (
    <form className="adm-panel" onSubmit={submit} noValidate data-testid="feed-form">
      <div className="adm-panel-title">{source ? `${source.name} (${source.id})` : t('access.feeds.add')}</div>
      <div className="adm-grid">
        {!source && <TextField label={t('access.feeds.id')} mono value={id} onChange={setId} spellCheck={false} error={errors.id} testId="feed-id" />}
        <TextField label={t('access.feeds.name')} value={name} onChange={setName} error={errors.name} testId="feed-name" />
      </div>
      <GrantEditor value={grant} onChange={setGrant} errors={errors} testId="feed-grant" />
      <RequestError error={save.error} />
      <FormActions pending={save.isPending} creating={!source} onCancel={onCancel} testId="feed-save" />
    </form>
  );
}
