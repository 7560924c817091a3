/**
 * The sample requests of the access matrix (access-matrix.int.test.ts): for every registered route
 * (METHOD url as Fastify registers it), one or more concrete requests and the status a caller gets
 * once the access hook lets it through (`ok`), with the status of the callers that the route's
 * scope rules treat otherwise (`as`). HEAD routes take their GET route's samples. What the access
 * declaration itself decides (401 without a credential, 403 for a role or a feed key without the
 * endpoint) is computed by the test from the declaration, never written here.
 */
import { officialScore, PROCEDURE_SAMPLE, receivedDossierEvent } from './helpers/feed-samples.ts';

export type Caller =
  | 'anonymous'
  | 'leader'
  | 'leader917'
  | 'operator916'
  | 'operator917'
  | 'analyst'
  | 'admin'
  | 'feed'
  | 'feed916'
  /** an operator of 916 signed in with a session cookie, sending x-csrf-token… */
  | 'session916'
  /** …and the same cookie without it. */
  | 'sessionNoCsrf';

export interface Sample {
  url: string | ((c: Caller) => string);
  /** A function gives each caller its own body (sign-in attempts under distinct usernames: one username locks after 10). */
  payload?: unknown;
  contentType?: string;
  ok: number;
  as?: Partial<Record<Caller, number>>;
}

export interface MatrixContext {
  /** An open alert of phường Ninh Kiều (916). */
  alert916: string;
  /** A dossier of phường Ninh Kiều (916). */
  dossier916: string;
}

/** The callers scoped to one district: what an area outside their scope answers them. */
const outside917 = (status: number) => ({ leader917: status, operator917: status });
const outside916 = (status: number) => ({ operator916: status, session916: status, sessionNoCsrf: status });

const observation = { id: 'matrix-obs-1', indicator: 'water_level', area: '31135', station: 'wl-can-tho', observedAt: '2026-11-22T06:30:00+07:00', value: 120 };
const dossierEvent = receivedDossierEvent('matrix-ev-2', 'MATRIX-916-2');
const official = officialScore();
const procedure = PROCEDURE_SAMPLE;
/** Routes without parameters sampled at their own path ('GET /api/docs' → /api/docs), answering `ok`. */
const atOwnPath = (ok: number, routes: readonly string[]): Record<string, Sample[]> =>
  Object.fromEntries(routes.map((route) => [route, [{ url: route.slice(route.indexOf(' ') + 1), ok }]]));
const grant = { endpoints: ['observations'], stations: null, units: ['31135'], agencies: null };
const scope916 = { units: ['31135'], agencies: [] };

export function matrixSamples(ctx: MatrixContext): Record<string, Sample[]> {
  const id = encodeURIComponent(ctx.alert916);
  return {
    // public
    'HEAD,GET /*': [{ url: '/index.html', ok: 200 }],
    'GET /healthz': [{ url: '/healthz', ok: 200 }],
    'GET /readyz': [{ url: '/readyz', ok: 200 }],
    // the API's description and its viewer: public (what the API is, never what it holds); the viewer's
    // own files come from @fastify/swagger-ui, so it works on a closed network
    ...atOwnPath(200, ['GET /openapi.json', 'GET /api/docs/json', 'GET /api/docs/yaml', 'GET /api/docs/static/swagger-initializer.js']),
    ...atOwnPath(200, ['GET /api/docs', 'HEAD /api/docs', 'GET /api/docs/', 'HEAD /api/docs/']),
    'GET /api/docs/static/index.html': [{ url: '/api/docs/static/index.html', ok: 302 }],
    'HEAD,GET /api/docs/static/*': [
      { url: '/api/docs/static/swagger-ui.css', ok: 200 },
      { url: '/api/docs/static/nothing.js', ok: 404 },
    ],
    // Prometheus: loopback (not forwarded), the bearer IOC_METRICS_TOKEN or an administrator; the matrix calls from other addresses
    'GET /metrics': [{ url: '/metrics', ok: 200 }],
    'GET /api/v1/auth/config': [{ url: '/api/v1/auth/config', ok: 200 }],
    'POST /api/v1/auth/login': [
      { url: '/api/v1/auth/login', payload: (c: Caller) => ({ username: `matrix.nobody.${c.toLowerCase()}`, password: 'không phải mật khẩu' }), ok: 401 },
    ],
    'GET /api/v1/auth/oidc/login': [{ url: '/api/v1/auth/oidc/login?returnTo=/operator', ok: 404 }],
    'GET /api/v1/auth/oidc/callback': [{ url: '/api/v1/auth/oidc/callback?code=x&state=y', ok: 404 }],
    'GET /kiosk/:token': [{ url: (c) => `/kiosk/not-a-device-${c}`, ok: 401 }],

    // any signed-in caller
    'POST /api/v1/auth/logout': [{ url: '/api/v1/auth/logout', ok: 204 }],
    'GET /api/v1/auth/me': [{ url: '/api/v1/auth/me', ok: 200 }],

    // feeds
    'POST /api/v1/observations': [{ url: '/api/v1/observations', payload: observation, ok: 200 }],
    'POST /api/v1/observations/batch': [{ url: '/api/v1/observations/batch', payload: { observations: [observation] }, ok: 200 }],
    'POST /api/v1/observations/ndjson': [
      { url: '/api/v1/observations/ndjson', payload: JSON.stringify(observation), contentType: 'application/x-ndjson', ok: 200 },
    ],
    'POST /api/v1/ngsi-ld/notify': [{ url: '/api/v1/ngsi-ld/notify', payload: { subscriptionId: 'urn:ngsi-ld:Subscription:1', data: [] }, ok: 200 }],
    'POST /api/v1/ngsi-v2/notify': [{ url: '/api/v1/ngsi-v2/notify', payload: { subscriptionId: '1', data: [] }, ok: 200 }],
    'POST /api/v1/dossiers/events': [{ url: '/api/v1/dossiers/events', payload: { events: [dossierEvent] }, ok: 200 }],
    'POST /api/v1/dossiers/events/ndjson': [
      { url: '/api/v1/dossiers/events/ndjson', payload: JSON.stringify(dossierEvent), contentType: 'application/x-ndjson', ok: 200 },
    ],
    'POST /api/v1/score766/official': [{ url: '/api/v1/score766/official', payload: { scores: [official] }, ok: 200 }],
    'POST /api/v1/reporting/reports': [
      {
        url: '/api/v1/reporting/reports',
        payload: { regime: 'cchc-cds', unit: '92', period: '2023', values: [{ indicator: 'online_payment_rate', value: 40 }] },
        ok: 201,
      },
    ],
    'POST /api/v1/reporting/imports': [
      { url: '/api/v1/reporting/imports?regime=par-index&period=2023', payload: 'không phải bảng', contentType: 'text/csv', ok: 422 },
    ],
    'POST /api/v1/reporting/reviews': [
      { url: '/api/v1/reporting/reviews', payload: { regime: 'par-index', unit: 'SNV', period: '2023', version: 9, review: 'accepted' }, ok: 404 },
    ],
    'PUT /api/v1/procedures': [{ url: '/api/v1/procedures', payload: { items: [procedure] }, ok: 200 }],
    'PUT /api/v1/calendar/schedules': [{ url: '/api/v1/calendar/schedules', payload: { items: [{ year: 1900 }] }, ok: 422 }],

    'PUT /api/v1/procedures/ndjson': [{ url: '/api/v1/procedures/ndjson', payload: JSON.stringify(procedure), contentType: 'application/x-ndjson', ok: 200 }],
    'POST /api/v1/procedures/imports': [{ url: '/api/v1/procedures/imports', payload: 'không phải bảng', contentType: 'text/csv', ok: 400 }],
    'PUT /api/v1/score766/splits': [{ url: '/api/v1/score766/splits', payload: { items: [{ nothing: true }] }, ok: 422 }],
    // the PAKN and ratings feeds take keys granted 'pakn' / 'ratings' (items judged by unit and agency); an empty batch is refused by the schema
    'POST /api/v1/pakn/events': [{ url: '/api/v1/pakn/events', payload: { events: [] }, ok: 400 }],
    'POST /api/v1/pakn/events/ndjson': [{ url: '/api/v1/pakn/events/ndjson', payload: '{}', contentType: 'application/x-ndjson', ok: 422 }],
    'POST /api/v1/ratings': [{ url: '/api/v1/ratings', payload: { ratings: [] }, ok: 400 }],
    'POST /api/v1/ratings/ndjson': [{ url: '/api/v1/ratings/ndjson', payload: '{}', contentType: 'application/x-ndjson', ok: 422 }],

    // the 766 scorecard of a unit, its items and exports (scoped like every read)
    'GET /api/v1/score766': [{ url: '/api/v1/score766?unit=31135&period=2026-10', ok: 200, as: outside917(403) }],
    'GET /api/v1/score766/:metric/items': [{ url: '/api/v1/score766/2.1/items?unit=31135&period=2026-10', ok: 200, as: outside917(403) }],
    'GET /api/v1/score766/:metric/items.csv': [{ url: '/api/v1/score766/2.1/items.csv?unit=31135&period=2026-10', ok: 200, as: outside917(403) }],
    'GET /api/v1/score766/:metric/items.xlsx': [{ url: '/api/v1/score766/2.1/items.xlsx?unit=31135&period=2026-10', ok: 200, as: outside917(403) }],
    'GET /api/v1/score766/splits': [{ url: '/api/v1/score766/splits', ok: 200 }],
    'GET /api/v1/pakn/watchlist': [{ url: '/api/v1/pakn/watchlist', ok: 200 }],
    'GET /api/v1/pakn/:id': [{ url: '/api/v1/pakn/none', ok: 404 }],

    // directives: a leader issues, accepts and returns; operators report; everyone reads within scope
    'POST /api/v1/directives': [{ url: '/api/v1/directives', payload: {}, ok: 400 }],
    'GET /api/v1/directives': [{ url: '/api/v1/directives', ok: 200 }],
    'GET /api/v1/directives/board': [{ url: '/api/v1/directives/board', ok: 200 }],
    'GET /api/v1/directives/:id': [{ url: '/api/v1/directives/none', ok: 404 }],
    'POST /api/v1/directives/:id/attachments': [
      { url: '/api/v1/directives/none/attachments?filename=bien-ban.pdf', payload: '%PDF-1.4', contentType: 'application/pdf', ok: 404 },
    ],
    'GET /api/v1/directives/:id/attachments/:attachmentId': [{ url: '/api/v1/directives/none/attachments/none', ok: 404 }],
    'POST /api/v1/directives/:id/reports': [{ url: '/api/v1/directives/none/reports', payload: { text: 'Đã triển khai', done: false }, ok: 404 }],
    'POST /api/v1/directives/:id/accept': [{ url: '/api/v1/directives/none/accept', payload: { unit: '31135' }, ok: 404 }],
    'POST /api/v1/directives/:id/return': [{ url: '/api/v1/directives/none/return', payload: { unit: '31135', note: 'Bổ sung' }, ok: 404 }],

    // briefing pins: a leader pins and releases (a unit outside a scoped leader's scope is 403); every reader reads
    'GET /api/v1/wall/pin': [{ url: '/api/v1/wall/pin', ok: 200 }],
    'POST /api/v1/wall/pin': [
      { url: '/api/v1/wall/pin', payload: { target: { kind: 'scene', scene: 'procedures' }, ttlSeconds: 120 }, ok: 201 },
      { url: '/api/v1/wall/pin', payload: { target: { kind: 'unit', unitCode: '31135' } }, ok: 201, as: { leader917: 403 } },
      // an alert outside the caller's scope is unknown to them
      { url: '/api/v1/wall/pin', payload: { target: { kind: 'alert', alertId: ctx.alert916 } }, ok: 201, as: { leader917: 422 } },
    ],
    'DELETE /api/v1/wall/pin': [{ url: '/api/v1/wall/pin', ok: 200 }],
    'GET /api/v1/wall/walls': [{ url: '/api/v1/wall/walls', ok: 200 }],

    // reads
    'GET /api/v1/score766/official': [{ url: '/api/v1/score766/official?unit=H13', ok: 200 }],
    'GET /api/v1/feeds/health': [{ url: '/api/v1/feeds/health', ok: 200 }],
    'GET /api/v1/catalogue': [{ url: '/api/v1/catalogue', ok: 200 }],
    'GET /api/v1/geo/areas': [{ url: '/api/v1/geo/areas', ok: 200 }],
    // reference data (the units and agencies of a date, the map's configuration): whole for every reader
    'GET /api/v1/areas': [{ url: '/api/v1/areas?at=2026-11-22', ok: 200 }],
    'GET /api/v1/agencies': [{ url: '/api/v1/agencies?at=2026-11-22', ok: 200 }],
    'GET /api/v1/config': [{ url: '/api/v1/config', ok: 200 }],
    // no basemap file is configured in the matrix's server: a reader reaches the route and gets 404
    'GET /api/v1/basemap.pmtiles': [{ url: '/api/v1/basemap.pmtiles', ok: 404 }],
    'GET /api/v1/snapshot/:scope': [
      { url: '/api/v1/snapshot/31135', ok: 200, as: outside917(403) },
      { url: '/api/v1/snapshot/92', ok: 200, as: { ...outside917(403), ...outside916(403) } },
    ],
    'GET /api/v1/history': [
      {
        url: '/api/v1/history?indicator=water_level&station=wl-can-tho&from=2026-11-21T00:00:00%2B07:00&to=2026-11-22T08:00:00%2B07:00',
        ok: 200,
        as: outside917(403),
      },
    ],
    'GET /api/v1/dossiers/indicators': [
      { url: '/api/v1/dossiers/indicators?period=2026-11', ok: 200 },
      { url: '/api/v1/dossiers/indicators?period=2026-11&scope=31135', ok: 200, as: outside917(403) },
    ],
    'GET /api/v1/dossiers/indicators.csv': [{ url: '/api/v1/dossiers/indicators.csv?period=2026-11&scope=31135', ok: 200, as: outside917(403) }],
    'GET /api/v1/dossiers/indicators.xlsx': [{ url: '/api/v1/dossiers/indicators.xlsx?period=2026-11&scope=31135', ok: 200, as: outside917(403) }],
    'GET /api/v1/dossiers/watchlist': [
      { url: '/api/v1/dossiers/watchlist', ok: 200 },
      { url: '/api/v1/dossiers/watchlist?area=31135', ok: 200, as: outside917(403) },
    ],
    'GET /api/v1/dossiers/:code': [{ url: `/api/v1/dossiers/${ctx.dossier916}`, ok: 200, as: outside917(404) }],
    'GET /api/v1/procedures': [{ url: '/api/v1/procedures', ok: 200 }],
    'GET /api/v1/calendar/schedules': [{ url: '/api/v1/calendar/schedules', ok: 200 }],
    'GET /api/v1/analyst/series': [
      { url: '/api/v1/analyst/series?indicator=pm25&areas=31135&period=month&from=2026-07&to=2026-10', ok: 200, as: outside917(403) },
    ],
    'GET /api/v1/analyst/series.csv': [
      { url: '/api/v1/analyst/series.csv?indicator=pm25&areas=31135&period=month&from=2026-07&to=2026-10', ok: 200, as: outside917(403) },
    ],
    'GET /api/v1/analyst/series.xlsx': [
      { url: '/api/v1/analyst/series.xlsx?indicator=pm25&areas=31135&period=month&from=2026-07&to=2026-10', ok: 200, as: outside917(403) },
    ],
    'GET /api/v1/analyst/children': [{ url: '/api/v1/analyst/children?area=31135', ok: 200, as: outside917(403) }],
    'GET /api/v1/reporting/catalogue': [{ url: '/api/v1/reporting/catalogue', ok: 200 }],
    'GET /api/v1/reporting/status': [{ url: '/api/v1/reporting/status?regime=par-index&period=2023', ok: 200 }],
    'GET /api/v1/reporting/values': [
      { url: '/api/v1/reporting/values?period=2023', ok: 200 },
      { url: '/api/v1/reporting/values?period=2023&units=31135', ok: 200, as: outside917(403) },
    ],
    'GET /api/v1/reporting/latest': [{ url: '/api/v1/reporting/latest?units=31153', ok: 200, as: outside916(403) }],
    'GET /api/v1/reporting/rankings': [{ url: '/api/v1/reporting/rankings?indicator=par_index&period=2023', ok: 200 }],
    'GET /api/v1/reporting/history': [
      { url: '/api/v1/reporting/history?indicator=par_index&units=31135', ok: 200, as: outside917(403) },
      // the same route as a file: an export (a leader may not)
      { url: '/api/v1/reporting/history?indicator=par_index&format=csv', ok: 200, as: { leader: 403, leader917: 403 } },
    ],
    'GET /api/v1/reporting/history.csv': [{ url: '/api/v1/reporting/history.csv?indicator=par_index&units=31135', ok: 200, as: outside917(403) }],
    'GET /api/v1/reporting/history.xlsx': [{ url: '/api/v1/reporting/history.xlsx?indicator=par_index&units=31135', ok: 200, as: outside917(403) }],
    'GET /api/v1/alerts': [
      { url: '/api/v1/alerts', ok: 200 },
      { url: '/api/v1/alerts?scope=31135', ok: 200 },
    ],
    'GET /api/v1/alerts/:id': [{ url: `/api/v1/alerts/${id}`, ok: 200, as: outside917(404) }],
    'GET /api/v1/air-quality/:scope': [{ url: '/api/v1/air-quality/31135', ok: 200, as: outside917(403) }],

    // operators' actions
    'GET /api/v1/alerts/me': [{ url: '/api/v1/alerts/me', ok: 200 }],
    'POST /api/v1/alerts/:id/ack': [{ url: '/api/v1/alerts/nope/ack', payload: {}, ok: 404 }],
    'POST /api/v1/alerts/:id/assign': [{ url: '/api/v1/alerts/nope/assign', payload: { unit: 'Đội ứng cứu', deadline: { hours: 2 } }, ok: 404 }],
    'POST /api/v1/alerts/:id/resolve': [{ url: '/api/v1/alerts/nope/resolve', payload: { note: 'Đã xử lý' }, ok: 404 }],
    'POST /api/v1/alerts/:id/notes': [{ url: `/api/v1/alerts/${id}/notes`, payload: { note: 'Ghi chú ma trận' }, ok: 200, as: outside917(404) }],

    // administration
    // the wall's playlist: read by every wall; an empty playlist is refused before anything is stored
    'GET /api/v1/wall/playlist': [{ url: '/api/v1/wall/playlist', ok: 200 }],
    'PUT /api/v1/wall/playlist': [{ url: '/api/v1/wall/playlist', payload: { scenes: [] }, ok: 422 }],
    'GET /api/v1/admin/users': [{ url: '/api/v1/admin/users', ok: 200 }],
    'POST /api/v1/admin/users': [
      {
        url: '/api/v1/admin/users',
        payload: { username: 'matrix.user', name: 'Người dùng ma trận', role: 'leader', scopes: scope916, password: 'mật khẩu ma trận 2026' },
        ok: 201,
      },
    ],
    'PATCH /api/v1/admin/users/:id': [{ url: '/api/v1/admin/users/nobody', payload: { name: 'Không ai' }, ok: 404 }],
    'DELETE /api/v1/admin/users/:id': [{ url: '/api/v1/admin/users/nobody', ok: 404 }],
    'GET /api/v1/admin/feed-sources': [{ url: '/api/v1/admin/feed-sources', ok: 200 }],
    'POST /api/v1/admin/feed-sources': [{ url: '/api/v1/admin/feed-sources', payload: { id: 'matrix-source', name: 'Nguồn ma trận', grant }, ok: 201 }],
    'PATCH /api/v1/admin/feed-sources/:id': [{ url: '/api/v1/admin/feed-sources/nobody', payload: { name: 'x' }, ok: 404 }],
    'POST /api/v1/admin/feed-sources/:id/keys': [{ url: '/api/v1/admin/feed-sources/nobody/keys', ok: 404 }],
    'DELETE /api/v1/admin/feed-sources/:id/keys/:keyId': [{ url: '/api/v1/admin/feed-sources/nobody/keys/none', ok: 404 }],
    'GET /api/v1/admin/devices': [{ url: '/api/v1/admin/devices', ok: 200 }],
    'POST /api/v1/admin/devices': [{ url: '/api/v1/admin/devices', payload: { name: 'Màn hình ma trận', scopes: scope916 }, ok: 201 }],
    'DELETE /api/v1/admin/devices/:id': [{ url: '/api/v1/admin/devices/nobody', ok: 404 }],
    'POST /api/v1/admin/boundaries': [
      {
        url: '/api/v1/admin/boundaries?dryRun=true',
        payload: JSON.stringify({ type: 'FeatureCollection', features: [] }),
        contentType: 'application/geo+json',
        ok: 200,
      },
    ],
    'GET /api/v1/admin/boundaries': [{ url: '/api/v1/admin/boundaries', ok: 200 }],
    'GET /api/v1/admin/audit': [{ url: '/api/v1/admin/audit?action=auth.&limit=5', ok: 200 }],
    'GET /api/v1/admin/audit.csv': [{ url: '/api/v1/admin/audit.csv?from=2026-11-01', ok: 200 }],
    'GET /api/v1/admin/audit.xlsx': [{ url: '/api/v1/admin/audit.xlsx?from=2026-11-01', ok: 200 }],
  };
}
