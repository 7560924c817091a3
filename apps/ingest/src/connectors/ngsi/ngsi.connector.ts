import {
  NgsiNotifyResponseSchema,
  type FeedGrant,
  type FeedHealth,
  type NgsiEntityResult,
  type NgsiNotifyResponse,
  type ObservationInput,
} from '@cityioc/contracts';
import { mapNgsiEntity, NGSI_ENTITY_TYPES, notificationEntities } from '@cityioc/domain';
import type { FeedHealthBook } from '@cityioc/domain';
import { HttpError, httpError } from '../../plugins/errors.ts';
import { checkEnv, ConfigError, envInt, envSchema, envString, envText } from '../../env-schema.ts';
import type { Connector, ConnectorContext } from '../connector.ts';

/**
 * What NGSI-LD and NGSI v2 share: a notification endpoint (the context broker POSTs the changed
 * entities; the API key names the source) and a reconciler that re-reads the broker's entities,
 * page by page, so that a notification the broker lost is still caught. Both go through
 * mapNgsiEntity and the observation ingest; deterministic ids make the second sighting a duplicate.
 */
export type NgsiFlavour = 'ld' | 'v2';

export interface NgsiConfig {
  flavour: NgsiFlavour;
  /** e.g. http://orion-ld:1026 ; null: notifications only, no reconciliation */
  brokerUrl: string | null;
  types: string[];
  reconcileSec: number;
  pageSize: number;
  /** NGSILD-Tenant (LD) or Fiware-Service (v2) */
  tenant: string | null;
  /** Fiware-ServicePath (v2) */
  servicePath: string | null;
  /** JSON-LD @context sent in a Link header when reading an LD broker */
  contextUrl: string | null;
  /** stored source of reconciled observations */
  source: string;
  /** entity or device id → station id */
  aliases: Map<string, string>;
  cadenceSec: number;
}

const PREFIX = { ld: 'IOC_NGSI_LD', v2: 'IOC_NGSI_V2' } as const;

/** The variables of one flavour (IOC_NGSI_LD_* or IOC_NGSI_V2_*) and the aliases both share. */
export function ngsiEnvSchema(flavour: NgsiFlavour) {
  const p = PREFIX[flavour];
  return envSchema({
    [`${p}_BROKER_URL`]: envString('^https?://', 'http(s)://host:port'),
    [`${p}_TYPES`]: envText(),
    [`${p}_SOURCE`]: envString('^[a-z0-9][a-z0-9_-]{0,63}$', 'lower-case letters, digits, - and _'),
    [`${p}_RECONCILE_SEC`]: envInt(300, 1, 86_400),
    [`${p}_PAGE_SIZE`]: envInt(flavour === 'ld' ? 100 : 1000, 1, 1000),
    [`${p}_TENANT`]: envText(),
    [`${p}_SERVICE_PATH`]: envText(),
    [`${p}_CONTEXT_URL`]: envText(),
    [`${p}_CADENCE_SEC`]: envInt(300, 1, 86_400),
    IOC_NGSI_ALIASES: envText(),
  });
}

export function parseNgsiConfig(env: NodeJS.ProcessEnv, flavour: NgsiFlavour): NgsiConfig {
  const p = PREFIX[flavour];
  const { values, problems } = checkEnv(ngsiEnvSchema(flavour), env);
  const v = values as Record<string, string | number | undefined>;
  const str = (name: string) => (v[`${p}_${name}`] as string | undefined) || null;
  const num = (name: string) => v[`${p}_${name}`] as number;
  const brokerUrl = str('BROKER_URL');
  const types = (str('TYPES') ?? NGSI_ENTITY_TYPES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const t of types) if (!NGSI_ENTITY_TYPES.includes(t)) problems.push(`${p}_TYPES: '${t}' is not one of ${NGSI_ENTITY_TYPES.join(', ')}`);
  const aliases = new Map<string, string>();
  for (const part of ((v.IOC_NGSI_ALIASES as string | undefined) ?? '').split(',').filter((s) => s.trim())) {
    const i = part.lastIndexOf('=');
    if (i <= 0) problems.push(`IOC_NGSI_ALIASES: '${part}' must be entityOrDeviceId=stationId`);
    else aliases.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    flavour,
    brokerUrl: brokerUrl ? brokerUrl.replace(/\/+$/, '') : null,
    types,
    reconcileSec: num('RECONCILE_SEC'),
    pageSize: num('PAGE_SIZE'),
    tenant: str('TENANT'),
    servicePath: str('SERVICE_PATH'),
    contextUrl: str('CONTEXT_URL'),
    source: str('SOURCE') ?? (flavour === 'ld' ? 'ngsi-ld' : 'ngsi-v2'),
    aliases,
    cadenceSec: num('CADENCE_SEC'),
  };
}

/** Maps entities, stores their observations in one ingest call, and merges the verdicts per entity. */
export async function ingestEntities(
  entities: readonly unknown[],
  source: string,
  ctx: ConnectorContext,
  cfg: NgsiConfig,
  grant: FeedGrant | null = null,
): Promise<NgsiNotifyResponse> {
  const results: NgsiEntityResult[] = [];
  const inputs: ObservationInput[] = [];
  const owner: { entity: number; attribute: string; indicator: string }[] = [];
  entities.forEach((raw, index) => {
    const m = mapNgsiEntity(raw, { index: ctx.index, aliases: cfg.aliases });
    results.push({ index, id: m.entityId, type: m.type, station: m.station, accepted: [], rejected: m.rejected, ignored: m.ignored, flags: m.flags });
    for (const o of m.observations) {
      inputs.push(o.input);
      owner.push({ entity: index, attribute: o.attribute, indicator: o.input.indicator });
    }
  });
  const res = inputs.length > 0 ? await ctx.ingest(inputs, source, grant) : { accepted: 0, duplicates: 0, rejected: 0, results: [] };
  res.results.forEach((r, k) => {
    const o = owner[k]!;
    const entity = results[o.entity]!;
    if (r.status === 'rejected') {
      for (const e of r.errors ?? []) entity.rejected.push({ attribute: o.attribute, reason: e.reason, message: e.message });
    } else entity.accepted.push({ attribute: o.attribute, indicator: o.indicator, observationId: r.id ?? '', status: r.status });
  });
  let rejected = 0;
  for (const e of results) rejected += e.rejected.length;
  return { accepted: res.accepted, duplicates: res.duplicates, rejected, entities: results };
}

/** Attribute refusals count as rejected; an item that is no usable entity at all counts as an error (once). */
function account(book: FeedHealthBook, now: number, res: NgsiNotifyResponse): void {
  let rejected = 0;
  for (const e of res.entities)
    for (const r of e.rejected) {
      if (r.reason === 'not_an_entity' || r.reason === 'unsupported_type') book.error(now, r.reason, `${e.id ?? `entity #${e.index}`}: ${r.message}`);
      else {
        rejected++;
        book.reason(now, r.reason, `${e.id ?? ''} ${r.attribute}: ${r.message}`);
      }
    }
  book.count({ accepted: res.accepted, duplicates: res.duplicates, rejected });
}

const LABEL = { ld: 'NGSI-LD', v2: 'NGSI v2' } as const;

export function createNgsiConnector(cfg: NgsiConfig, ctx: ConnectorContext): Connector & { reconcile(): Promise<number> } {
  const kind = cfg.flavour === 'ld' ? 'ngsi-ld' : 'ngsi-v2';
  const log = ctx.log.child({ connector: kind });
  const books = new Map<string, FeedHealthBook>();
  const pushBook = (source: string) => {
    let b = books.get(source);
    if (!b) {
      b = ctx.health.book(`${kind}:${source}`, kind, source, cfg.cadenceSec);
      books.set(source, b);
    }
    return b;
  };
  // a configured broker's source is listed from the start, so that a broker that never calls shows as such
  if (cfg.brokerUrl) pushBook(cfg.source);
  const reconcileBook = cfg.brokerUrl ? ctx.health.book(`${kind}-reconcile`, kind, cfg.source, cfg.reconcileSec) : null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = false;

  async function fetchPage(type: string, offset: number): Promise<unknown[]> {
    const base = cfg.brokerUrl!;
    const q = new URLSearchParams({ type, limit: String(cfg.pageSize), offset: String(offset) });
    const headers: Record<string, string> = { accept: 'application/json' };
    let url: string;
    if (cfg.flavour === 'ld') {
      url = `${base}/ngsi-ld/v1/entities?${q}`;
      if (cfg.tenant) headers['NGSILD-Tenant'] = cfg.tenant;
      if (cfg.contextUrl) headers.link = `<${cfg.contextUrl}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`;
    } else {
      url = `${base}/v2/entities?${q}`;
      if (cfg.tenant) headers['Fiware-Service'] = cfg.tenant;
      if (cfg.servicePath) headers['Fiware-ServicePath'] = cfg.servicePath;
    }
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`GET ${url} → HTTP ${res.status}`);
    const body = (await res.json()) as unknown;
    if (!Array.isArray(body)) throw new Error(`GET ${url}: expected a JSON array of entities`);
    return body;
  }

  /** One pass over every configured type, all pages; returns the observations newly stored (the ones the notifications missed). */
  async function reconcileOnce(): Promise<number> {
    const book = reconcileBook!;
    let fresh = 0;
    for (const type of cfg.types) {
      for (let offset = 0, page = 0; page < 10_000 && !stopped; page++) {
        let entities: unknown[];
        try {
          entities = await fetchPage(type, offset);
        } catch (e) {
          book.error(ctx.clock(), 'broker_unreachable', (e as Error).message);
          log.warn({ err: (e as Error).message }, 'reconciliation: broker read failed');
          break;
        }
        const now = ctx.clock();
        book.seen(now, entities.length);
        if (entities.length > 0) {
          const res = await ingestEntities(entities, cfg.source, ctx, cfg);
          account(book, now, res);
          fresh += res.accepted;
        }
        if (entities.length < cfg.pageSize) break;
        offset += entities.length;
      }
    }
    if (fresh > 0) log.info({ fresh }, 'reconciliation stored readings the notifications had missed');
    return fresh;
  }

  const reconcile = () => {
    running ??= reconcileOnce().finally(() => (running = null));
    return running;
  };

  return {
    reconcile,
    async routes() {
      const path = cfg.flavour === 'ld' ? '/api/v1/ngsi-ld/notify' : '/api/v1/ngsi-v2/notify';
      const options = {
        config: { access: { kind: 'feed', endpoint: 'ngsi', health: false } as const },
        schema: { response: { 200: NgsiNotifyResponseSchema } },
        // a body that is not JSON (or too large) fails before the handler: count it, then answer as usual
        errorHandler: (err: Error & { statusCode?: number }, req: { source?: string }) => {
          if (req.source && !(err instanceof HttpError) && (err.statusCode ?? 500) < 500) {
            const now = ctx.clock();
            const b = pushBook(req.source);
            b.seen(now);
            b.error(now, err instanceof SyntaxError ? 'invalid_json' : 'invalid_request', err.message);
          }
          throw err;
        },
      };
      ctx.app.post(path, options, async (req, reply) => {
        const now = ctx.clock();
        const book = pushBook(req.source);
        const found = notificationEntities(req.body);
        if (!found.ok) {
          book.seen(now);
          book.error(now, 'invalid_notification', found.message);
          log.warn({ source: req.source }, `${LABEL[cfg.flavour]} notification refused: ${found.message}`);
          throw httpError(400, 'invalid_notification', found.message, [{ field: found.field, reason: 'invalid_notification', message: found.message }]);
        }
        book.seen(now);
        const res = await ingestEntities(found.entities, req.source, ctx, cfg, req.grant);
        account(book, now, res);
        if (res.rejected > 0) log.warn({ source: req.source, rejected: res.rejected }, `${LABEL[cfg.flavour]} notification: some attributes refused`);
        // 200 even with refusals: the broker must not retry or suspend the subscription over one bad attribute
        return reply.code(200).send(res);
      });
    },
    async start() {
      if (!cfg.brokerUrl) return;
      stopped = false;
      void reconcile();
      timer = setInterval(() => void reconcile(), cfg.reconcileSec * 1000);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
    health(): FeedHealth[] {
      const now = ctx.clock();
      return [...books.values(), ...(reconcileBook ? [reconcileBook] : [])].map((b) => b.snapshot(now));
    },
  };
}
