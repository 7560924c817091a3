import { QueryClientProvider, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageProps } from '../app/page.ts';
import type { PanelProps } from '../panels/panel.ts';
import { panelSize, PANELS } from '../panels/registry.tsx';
import { SCENES } from '../scenes/scene-registry.ts';
import { LiveClient } from '../realtime/live-client.ts';
import { FixedClockProvider } from '../realtime/RealtimeProvider.tsx';
import { createSocket } from '../realtime/socket.ts';
import { fixtureQueryClient, MissingFixture } from './fixture-api.ts';
import { GALLERY_CTX, GALLERY_NOW, type GalleryVariant } from './fixtures/clock.ts';
import './gallery.css';
import { frameShapes, galleryFrames, type GalleryFrame, type GallerySearch } from './gallery.model.ts';

const ctx: PanelProps['ctx'] = { ...GALLERY_CTX, setPeriod: () => undefined };

/** The reads of one set of fixtures: its own QueryClient (fixture-api.ts) and a live client that is never started, on the fixed clock. */
interface FixtureSource {
  queryClient: QueryClient;
  live: LiveClient;
}

function fixtureSource(variant: GalleryVariant, page: QueryClient): FixtureSource {
  const queryClient = fixtureQueryClient(variant, page);
  // never connected: it only tells the water-level panel the (fixed) server time
  const live = new LiveClient({ socket: createSocket(), queryClient, scopes: [], clock: () => GALLERY_NOW });
  return { queryClient, live };
}

function FixtureProviders({ source, children }: { source: FixtureSource; children: ReactNode }) {
  return (
    <QueryClientProvider client={source.queryClient}>
      <FixedClockProvider client={source.live} now={GALLERY_NOW}>
        {children}
      </FixedClockProvider>
    </QueryClientProvider>
  );
}

/** The keys of the reads that failed for want of a fixture (the browser test fails on any). */
function useMissingFixtures(): string[] {
  const client = useQueryClient();
  const [missing, setMissing] = useState<string[]>([]);
  useEffect(() => {
    const read = () =>
      setMissing(
        client
          .getQueryCache()
          .findAll({ predicate: (q) => q.state.error instanceof MissingFixture })
          .map((q) => JSON.stringify(q.queryKey)),
      );
    read();
    return client.getQueryCache().subscribe(read);
  }, [client]);
  return missing;
}

function Frame({ frame }: { frame: GalleryFrame }) {
  const { t, i18n } = useTranslation();
  const vi = useMemo(() => i18n.getFixedT('vi'), [i18n]);
  const def = PANELS[frame.panel]!;
  const missing = useMissingFixtures();
  const Panel = def.component;
  const loading = <section className="panel panel-loading" data-testid={`panel-loading-${frame.frame}`} />;
  return (
    <figure
      // as in its scene: the wall's scene classes apply (scene-view sizes, scene-specific rules)
      className={`gallery-frame scene-view${frame.shape.scene ? ` scene-${frame.shape.scene}` : ''}`}
      // the share of the wall's width its scene gives it, less the gallery's gap
      style={{ width: `calc(${(frame.shape.width * 100).toFixed(3)}% - 1rem)` }}
      data-frame={frame.frame}
      data-missing={missing.join(' ') || undefined}
    >
      <figcaption className="gallery-caption">
        <code className="gallery-id">{frame.frame}</code>
        <span className="gallery-title">{vi(def.title)}</span>
        {frame.variant === 'stressed' && <span className="gallery-variant">{t('gallery.stressed')}</span>}
      </figcaption>
      {missing.length > 0 && <p className="gallery-missing">{t('gallery.missing', { keys: missing.join(', ') })}</p>}
      <div className="gallery-body" style={frame.shape.height === null ? undefined : { height: `${frame.shape.height}rem` }}>
        <div className="scene-cell" data-panel={frame.frame}>
          <Suspense fallback={loading}>
            <Panel ctx={ctx} />
          </Suspense>
        </div>
      </div>
    </figure>
  );
}

/**
 * /gallery: every panel of the registry (panels/registry.tsx) in its own frame at the wall's
 * scale, drawn from fixtures (gallery/fixtures/) on a fixed clock, never from the server; the
 * text-heavy ones twice, the second time from stressed fixtures. `?panel=<id>` shows one panel.
 * The browser test (e2e/gallery.e2e.test.ts) runs the wall's layout checks on every frame.
 */
export function GalleryScreen({ search }: PageProps<GallerySearch>) {
  const { t } = useTranslation();
  const page = useQueryClient();
  const sources = useMemo(() => ({ normal: fixtureSource('normal', page), stressed: fixtureSource('stressed', page) }), [page]);
  const frames = useMemo(
    () =>
      galleryFrames(
        Object.entries(PANELS).map(([id, d]) => ({ id, size: d.size })),
        frameShapes(SCENES, panelSize),
        search.panel,
      ),
    [search.panel],
  );
  return (
    <div className="gallery" data-testid="gallery" data-frames={frames.length}>
      <header className="gallery-head">
        <h1 className="gallery-heading">{t('gallery.heading')}</h1>
        <p className="gallery-note">{t('gallery.note')}</p>
      </header>
      {frames.length === 0 ? (
        <p className="gallery-note" data-testid="gallery-unknown">
          {t('gallery.unknown')}
        </p>
      ) : (
        <div className={`gallery-grid${search.panel ? ' is-single' : ''}`}>
          {frames.map((f) => (
            <FixtureProviders key={f.frame} source={sources[f.variant]}>
              <Frame frame={f} />
            </FixtureProviders>
          ))}
        </div>
      )}
    </div>
  );
}
