# CityIOC ingest service (Fastify + Socket.IO) serving the built dashboard: plain Node on the
# compiled JavaScript (tsc -b), nothing through tsx. The runtime image keeps the repository's
# layout, so it runs exactly what `npm start` runs: node apps/ingest/dist/server.js.
# Build from the repository root:  docker build -f docker/ingest.Dockerfile -t cityioc/ingest .
# docker/images.int.test.ts checks every path named here and runs the CMD on the built output.
FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles against Node's headers
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm i -g pnpm@10.34.9
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json tsconfig.build.json ./
COPY packages ./packages
COPY apps ./apps
RUN pnpm install --frozen-lockfile
RUN pnpm exec tsc -b tsconfig.build.json && pnpm --filter @cityioc/dashboard build
# production dependencies only (drops TypeScript, Vite, the test tools); CI=true: no TTY to confirm the purge
RUN CI=true pnpm install --frozen-lockfile --prod && CI=true pnpm prune --prod

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8080 IOC_DATA_DIR=/data IOC_DASHBOARD_DIR=/app/apps/dashboard/dist IOC_DEMO=false
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages/contracts/package.json ./packages/contracts/
COPY --from=build /app/packages/contracts/dist ./packages/contracts/dist
COPY --from=build /app/packages/contracts/node_modules ./packages/contracts/node_modules
COPY --from=build /app/packages/domain/package.json ./packages/domain/
COPY --from=build /app/packages/domain/dist ./packages/domain/dist
COPY --from=build /app/packages/domain/node_modules ./packages/domain/node_modules
COPY --from=build /app/apps/ingest/package.json ./apps/ingest/
COPY --from=build /app/apps/ingest/dist ./apps/ingest/dist
COPY --from=build /app/apps/ingest/node_modules ./apps/ingest/node_modules
COPY --from=build /app/apps/dashboard/dist ./apps/dashboard/dist
# the store, its checkpoint and the restore guard live in /data: owned by the unprivileged user
RUN mkdir -p /data && chown node:node /data
VOLUME /data
EXPOSE 8080
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/ingest/dist/server.js"]
