import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies text: the async clipboard where allowed (HTTPS, localhost), else a selected textarea and execCommand. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/**
 * A secret (feed key) or a kiosk link the server shows once: the value as text, a copy button, a
 * note, and "Đóng" — after which it cannot be shown again.
 */
export function CopyOnce({
  title,
  value,
  note,
  onClose,
  testId,
  children,
}: {
  title: string;
  value: string;
  note: string;
  onClose: () => void;
  testId: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <section className="once" role="status" data-testid={testId}>
      <div className="once-title">
        {title} · {t('access.shownOnce')}
      </div>
      <div className="once-row">
        <code className="once-value" data-testid={`${testId}-value`}>
          {value}
        </code>
        <button type="button" className="btn btn-primary" onClick={() => void copyText(value).then(setCopied)} data-testid={`${testId}-copy`}>
          {copied ? t('access.copied') : t('access.copy')}
        </button>
      </div>
      <p className="once-note">{note}</p>
      {children}
      <div className="adm-actions">
        <button type="button" className="btn" onClick={onClose} data-testid={`${testId}-close`}>
          {t('access.close')}
        </button>
      </div>
    </section>
  );
}
