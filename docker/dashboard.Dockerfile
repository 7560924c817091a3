# The wall-screen dashboard as static files behind nginx, for deployments that serve it
# apart from the ingest nodes (the proxy routes /api and /socket.io to them).
# Vite reads the workspace packages' TypeScript sources (their "@cityioc/source" export condition).
FROM node:20-bookworm-slim AS build
RUN npm i -g pnpm@10.34.9
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json ./
COPY packages ./packages
COPY apps/dashboard ./apps/dashboard
RUN pnpm install --frozen-lockfile --filter @cityioc/dashboard... && pnpm --filter @cityioc/dashboard build

FROM nginx:1.27-alpine
COPY --from=build /app/apps/dashboard/dist /usr/share/nginx/html
COPY docker/proxy/dashboard.conf /etc/nginx/conf.d/default.conf
EXPOSE 80
HEALTHCHECK --interval=10s --timeout=3s CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"]
