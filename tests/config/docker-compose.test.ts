import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../../", import.meta.url));

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  working_dir?: string;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  networks?: Record<string, { ipv4_address?: string }>;
}

const compose = parse(readFileSync(`${root}docker-compose.yml`, "utf8")) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const dependsOn = (s: Service) => (Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {}));

describe("docker-compose.yml", () => {
  it("describes Postgres, Redis and the three services", () => {
    expect(Object.keys(services).sort()).toEqual(["collab-server", "gan-worker", "postgres", "redis", "web"]);
    expect(services.postgres!.image).toMatch(/^postgres:/);
    expect(services.redis!.image).toMatch(/^redis:/);
  });

  it("builds the services from this repository's Dockerfile and runs files the build produces", () => {
    for (const name of ["collab-server", "gan-worker", "web"]) {
      const service = services[name]!;
      expect(service.build, name).toBe(".");
      const [program, script] = service.command!;
      expect(program).toBe("node");
      // Paths inside the image mirror the repository (WORKDIR /app, COPY . .).
      const cwd = service.working_dir ? service.working_dir.replace(/^\/app\/?/, "") : "";
      const source = `${root}${cwd ? `${cwd}/` : ""}${script!}`.replace(/\/dist\/(.*)\.js$/, "/src/$1.ts");
      expect(existsSync(source), `${name} runs ${script}`).toBe(true);
    }
    expect(readFileSync(`${root}Dockerfile`, "utf8")).toMatch(/npm ci[\s\S]*turbo run build/);
  });

  it("wires the services to each other by service name and port", () => {
    const collab = services["collab-server"]!;
    const db = new URL(collab.environment!.DATABASE_URL!);
    expect(db.hostname).toBe("postgres");
    expect(db.username).toBe(services.postgres!.environment!.POSTGRES_USER);
    expect(db.password).toBe(services.postgres!.environment!.POSTGRES_PASSWORD);
    expect(db.pathname).toBe(`/${services.postgres!.environment!.POSTGRES_DB}`);
    const collabPort = collab.environment!.COLLAB_PORT!;
    expect(collab.ports).toContain(`${collabPort}:${collabPort}`);
    expect(new URL(services["gan-worker"]!.environment!.UMBRA_HUB_URL!).host).toBe(`collab-server:${collabPort}`);
    const web = services.web!;
    expect(new URL(web.environment!.UMBRA_COLLAB_URL!).host).toBe(`collab-server:${collabPort}`);
    expect(new URL(web.environment!.UMBRA_PUBLIC_COLLAB_URL!).port).toBe(collabPort);
    expect(web.ports).toContain(`${web.environment!.PORT}:${web.environment!.PORT}`);
    expect(collab.environment!.UMBRA_WEB_ORIGINS!.split(",")).toContain(`http://localhost:${web.environment!.PORT}`);
    for (const [name, service] of Object.entries(services)) for (const dep of dependsOn(service)) expect(services, `${name} depends on ${dep}`).toHaveProperty(dep);
    expect(dependsOn(collab)).toContain("postgres");
  });

  it("runs collab-server in production with the secrets it needs, and believes only the web app's forwarded addresses", () => {
    const collab = services["collab-server"]!.environment!;
    expect(collab.NODE_ENV).toBe("production");
    // Compose refuses to start without them rather than running with none.
    expect(collab.UMBRA_WORKER_SECRET).toMatch(/^\$\{UMBRA_WORKER_SECRET:\?/);
    expect(collab.UMBRA_TOKEN_SECRET).toMatch(/^\$\{UMBRA_TOKEN_SECRET:\?/);
    expect(services["gan-worker"]!.environment!.UMBRA_WORKER_SECRET).toMatch(/^\$\{UMBRA_WORKER_SECRET:\?/);
    expect(collab.UMBRA_TRUSTED_PROXIES).toBe(services.web!.networks!.default!.ipv4_address);
  });
});
