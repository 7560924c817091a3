import { dossierUrl } from '@cityioc/domain';
import { useQuery } from '@tanstack/react-query';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { clientConfigQuery } from '../queries/config.queries.ts';

/**
 * A dossier code as text, and — when the deployment sets IOC_DOSSIER_URL_TEMPLATE — a link to the
 * dossier's page in the one-stop system (new tab, no opener, no referrer). The code is React text;
 * the href is the domain's URL-encoded expansion, never built here.
 */
export function DossierCode({ code, agency, className }: { code: string; agency?: string | null; className?: string }) {
  const { t } = useTranslation();
  const config = useQuery(clientConfigQuery());
  const href = dossierUrl(config.data?.dossierUrlTemplate, { code, agency });
  if (!href) return <span className={className}>{code}</span>;
  return (
    <a
      className={className ? `${className} dossier-link` : 'dossier-link'}
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      title={t('opsdesk.dossierLink', { code })}
      // a row click opens the trail; the link opens the one-stop system only
      onClick={(e: MouseEvent) => e.stopPropagation()}
      data-testid="dossier-link"
    >
      {code}
      <span className="dossier-link-mark" aria-hidden="true">
        ↗
      </span>
    </a>
  );
}
