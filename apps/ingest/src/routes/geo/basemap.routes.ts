import { createReadStream, statSync } from 'node:fs';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { READ } from '../../plugins/access.ts';
import { httpError } from '../../plugins/errors.ts';

/** A single byte range of a file of `size` bytes, or why not: 'none' (serve all), 'unsatisfiable' (416). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'none' | 'unsatisfiable' {
  if (!header) return 'none';
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // another unit is ignored (RFC 9110 §14.2); a bytes range we cannot serve is refused
  if (!header.trim().startsWith('bytes=')) return 'none';
  if (!m || (m[1] === '' && m[2] === '')) return 'unsatisfiable';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/**
 * The city's self-hosted basemap (IOC_BASEMAP_PMTILES) at GET /api/v1/basemap.pmtiles, with HTTP
 * Range support as the pmtiles protocol reads it (a header, directories and tiles by byte range):
 * 206 with Content-Range for one range, 416 with `Content-Range: bytes *\/size` for one it cannot
 * serve, 200 for the whole file. Without the variable the route answers 404 no_basemap.
 */
export const basemapRoutes: FastifyPluginAsync = async (app) => {
  const file = app.ioc.config.basemapFile;
  const serve = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!file) throw httpError(404, 'no_basemap', 'no basemap is configured (IOC_BASEMAP_PMTILES); the map uses its offline style');
    const st = statSync(file);
    const etag = `"pm-${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}"`;
    reply.header('accept-ranges', 'bytes').header('etag', etag).header('cache-control', 'public, max-age=3600').type('application/vnd.pmtiles');
    const ifRange = req.headers['if-range'];
    const range = ifRange && ifRange !== etag ? 'none' : parseRange(req.headers.range, st.size);
    if (range === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${st.size}`).send();
    if (range === 'none') {
      reply.header('content-length', st.size);
      return req.method === 'HEAD' ? reply.send() : reply.send(createReadStream(file));
    }
    reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${st.size}`)
      .header('content-length', range.end - range.start + 1);
    return req.method === 'HEAD' ? reply.send() : reply.send(createReadStream(file, { start: range.start, end: range.end }));
  };
  const file200 = { type: 'string', contentEncoding: 'binary' };
  const responses = {
    200: { description: 'The whole PMTiles file', content: { 'application/vnd.pmtiles': { schema: file200 } } },
    206: { description: 'One byte range (Content-Range)', content: { 'application/vnd.pmtiles': { schema: file200 } } },
    416: { type: 'null', description: 'A range the file cannot serve (Content-Range: bytes */size)' },
  };
  app.get('/api/v1/basemap.pmtiles', { config: { access: READ }, schema: { response: responses } }, serve);
};
