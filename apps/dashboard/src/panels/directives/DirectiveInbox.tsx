import type { DirectiveAttachment, DirectiveView } from '@cityioc/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../../app/hooks.ts';
import { useSession } from '../../auth/useSession.ts';
import { Field, TextAreaField } from '../../components/fields.tsx';
import { formatDateTime } from '../../format/format.ts';
import { DIRECTIVES_ROOT_KEY, openDirectivesQuery } from '../../queries/directives.queries.ts';
import { api, HttpError } from '../../queries/http.ts';
import { uploadAttachment } from './attachment-upload.ts';
import { canAnswerDirective, reportBody, subjectText } from './directive-form.model.ts';
import { formatSize } from './directive-trail.model.ts';

/** One responsible unit's answer: a report, done or not, with the files uploaded for it. */
function ReportForm({ directive, unit }: { directive: DirectiveView; unit: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [done, setDone] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [files, setFiles] = useState<DirectiveAttachment[]>([]);
  const [fileNote, setFileNote] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment(api, directive.id, unit, file),
    onMutate: (file) => setFileNote(t('score766.directives.inbox.uploading', { name: file.name })),
    onSuccess: (r, file) => {
      if (r.ok) {
        setFiles((f) => [...f, r.attachment]);
        setFileNote(t('score766.directives.inbox.uploaded', { name: r.attachment.name, size: formatSize(r.attachment.size, lang) }));
      } else setFileNote(t('score766.directives.inbox.uploadRefused', { name: file.name, code: r.code, message: r.message }));
    },
  });
  const send = useMutation({
    mutationFn: (body: unknown) => api.send('POST', `/api/v1/directives/${encodeURIComponent(directive.id)}/reports`, { body }),
    onSuccess: () => {
      setText('');
      setFiles([]);
      setFileNote(null);
      setNote(t('score766.directives.inbox.sent'));
      void qc.invalidateQueries({ queryKey: DIRECTIVES_ROOT_KEY });
    },
    onError: (e) => setNote(t('score766.directives.issue.refused', { code: e instanceof HttpError ? (e.code ?? e.status) : '', message: e.message })),
  });
  return (
    <form
      className="directive-form"
      onSubmit={(e) => {
        e.preventDefault();
        const r = reportBody(
          unit,
          text,
          done,
          files.map((f) => f.id),
        );
        if (!r.ok) setNote(t('score766.directives.issue.invalid', { fields: r.errors.join(', ') }));
        else send.mutate(r.body);
      }}
    >
      <TextAreaField
        label={t('score766.directives.inbox.report')}
        value={text}
        onChange={setText}
        maxLength={4000}
        testId={`directive-report-text-${directive.id}`}
      />
      <label className="field-inline">
        <input
          type="checkbox"
          className="ioc-check"
          checked={done}
          onChange={(e) => setDone(e.target.checked)}
          data-testid={`directive-report-done-${directive.id}`}
        />{' '}
        {t('score766.directives.inbox.done')}
      </label>
      <Field label={t('score766.directives.inbox.attach')}>
        <input
          className="ioc-input"
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,application/pdf,image/png,image/jpeg"
          disabled={upload.isPending}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) upload.mutate(file);
          }}
          data-testid={`directive-report-file-${directive.id}`}
        />
      </Field>
      {files.length > 0 && (
        <ul className="trail-files" data-testid={`directive-report-files-${directive.id}`}>
          {files.map((f) => (
            <li key={f.id}>
              {f.name} ({formatSize(f.size, lang)}){' '}
              <button type="button" className="btn" onClick={() => setFiles((all) => all.filter((x) => x.id !== f.id))}>
                {t('score766.directives.inbox.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {fileNote && (
        <span className="op-note" role="status" data-testid={`directive-report-file-note-${directive.id}`}>
          {fileNote}
        </span>
      )}
      <button type="submit" className="btn btn-primary" disabled={send.isPending || upload.isPending} data-testid={`directive-report-send-${directive.id}`}>
        {t('score766.directives.inbox.send')}
      </button>
      {note && <span className="op-note">{note}</span>}
    </form>
  );
}

/** The operator's inbox: the open directives of their units, each unit's status, and a report to send. Operators only. */
export function DirectiveInbox() {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const { user } = useSession();
  const allowed = canAnswerDirective(user);
  const list = useQuery({ ...openDirectivesQuery(), enabled: allowed });
  if (!allowed) return null;
  const mine = new Set([...(user?.scopes.units ?? []), ...(user?.scopes.agencies ?? [])]);
  const directives = list.data?.directives ?? [];
  return (
    <section className="directive-inbox" data-testid="directive-inbox">
      <h2 className="page-title">{t('score766.directives.inbox.heading')}</h2>
      {list.data && directives.length === 0 && <div className="empty-state">{t('score766.directives.inbox.none')}</div>}
      <ul className="directive-list">
        {directives.map((d) => (
          <li key={d.id} className={d.overdue ? 'directive-row overdue' : 'directive-row'} data-testid={`directive-inbox-${d.id}`}>
            <div className="directive-line">
              {d.overdue && <span className="directive-kind overdue">{t('score766.directives.overdue')}</span>}
              <span className="directive-title">{d.title ?? d.text}</span>
            </div>
            <div className="directive-meta">
              {d.title !== null && <div>{d.text}</div>}
              {t('score766.directives.due', { time: formatDateTime(d.dueAt, timeZone) })} · {d.issuedBy.name}
            </div>
            <div className="directive-source" data-testid={`directive-source-${d.id}`} data-kind={d.subject.kind} data-id={d.subject.id}>
              {t('score766.directives.source', { subject: subjectText(d.subject, t) })}
            </div>
            {d.assignments
              .filter((a) => mine.size === 0 || mine.has(a.unit))
              .map((a) => (
                <div key={a.unit} className="directive-assignment" data-testid={`directive-assignment-${d.id}-${a.unit}`} data-status={a.status}>
                  <b>{a.unitName?.[lang] ?? a.unit}</b>: {t(`score766.directives.status.${a.status}`, { defaultValue: a.status })}
                  {a.status === 'returned' && a.decisions.at(-1)?.note && (
                    <div className="op-note" data-testid={`directive-returned-note-${d.id}-${a.unit}`}>
                      {t('score766.directives.inbox.returnedNote', { note: a.decisions.at(-1)!.note, by: a.decisions.at(-1)!.by.name })}
                    </div>
                  )}
                  {a.status !== 'accepted' && a.status !== 'done' && <ReportForm directive={d} unit={a.unit} />}
                </div>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
