# syntax=docker/dockerfile:1
# Baanrian background worker (NestJS + BullMQ).
# Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t baanrian/worker .

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
ENV NODE_ENV=production
COPY --from=prod-deps /app/package.json ./package.json
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=builder /repo/dist/apps/worker ./dist/apps/worker
# The media volume's mount point, owned by the runtime user (a new named volume copies it).
RUN mkdir -p /data/media && chown node:node /data/media
USER node
CMD ["node", "dist/apps/worker/main.js"]
