# One image for the three services; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
# ffmpeg (with libx264) makes MP4 exports; without it collab-server falls back to its built-in encoder.
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund && npx turbo run build
