# syntax=docker/dockerfile:1
# Baanrian API (NestJS). Also used for one-shot jobs:
#   node dist/apps/api/cli.js migrate
#   node dist/apps/api/cli.js seed
# Build from the repository root:
#   docker build -f docker/api.Dockerfile -t baanrian/api .

# ---------------------------------------------------------------------------
# builder: installs the full toolchain and builds every deployable app.
# This stage is byte-identical in api/worker/portal Dockerfiles so BuildKit
# builds it once and shares the cache between the three images.
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS builder
WORKDIR /repo
ENV NX_NO_CLOUD=true \
    NX_DAEMON=false \
    CI=true \
    SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build -p api worker portal

# ---------------------------------------------------------------------------
# prod-deps: production-only node_modules for the node runtimes.
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
COPY --from=prod-deps /app/package.json ./package.json
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=builder /repo/dist/apps/api ./dist/apps/api
# The portal build and its server renderer: the api renders the start page (nginx proxies `/`).
COPY --from=builder /repo/dist/apps/portal ./dist/apps/portal
COPY --from=builder /repo/dist/apps/portal-ssr ./dist/apps/portal-ssr
# The media volume's mount point, owned by the runtime user (a new named volume copies it).
RUN mkdir -p /data/media && chown node:node /data/media
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The same V8 settings as SERVICE_NODE_FLAGS (libs/dev-services/src/processes.ts): why is said there.
CMD ["node", "--max-old-space-size=512", "dist/apps/api/main.js"]
