# CityIOC ingest service (Fastify + Socket.IO) serving the built dashboard.
# Build from the repository root:  docker build -f docker/ingest.Dockerfile -t cityioc/ingest .
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm i -g pnpm@10.34.9
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json ./
COPY packages ./packages
COPY apps ./apps
RUN pnpm install --frozen-lockfile
RUN pnpm --filter @cityioc/dashboard build
# a self-contained copy of the ingest with its workspace packages and production dependencies
RUN pnpm --filter @cityioc/ingest --prod deploy --legacy /out

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8080 IOC_DATA_DIR=/data IOC_DASHBOARD_DIR=/app/dashboard IOC_DEMO=false
WORKDIR /app
COPY --from=build /out ./ingest
COPY --from=build /app/apps/dashboard/dist ./dashboard
VOLUME /data
EXPOSE 8080
USER node
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:8080/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--import", "tsx", "ingest/src/server.ts"]
