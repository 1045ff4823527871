# syntax=docker/dockerfile:1
# Baanrian portal: static SPA served by unprivileged nginx on :8080,
# proxying /api/ to the api service.
# Build from the repository root:
#   docker build -f docker/portal.Dockerfile -t baanrian/portal .

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
# runtime
# ---------------------------------------------------------------------------
FROM nginx:1.27-alpine AS runtime
# Full main config: pid file and temp paths live in /tmp so nginx runs as the
# unprivileged "nginx" user (uid 101) without touching /var/cache or /run.
RUN rm -f /etc/nginx/conf.d/default.conf
COPY docker/nginx.conf /etc/nginx/nginx.conf
COPY --from=builder /repo/dist/apps/portal /usr/share/nginx/html
USER nginx
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1
CMD ["nginx", "-g", "daemon off;"]
