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
  volumes?: string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  networks?: Record<string, { ipv4_address?: string }>;
}

// merge: the collab-servers share one definition through a YAML merge key, as Compose reads it.
const compose = parse(readFileSync(`${root}docker-compose.yml`, "utf8"), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const dependsOn = (s: Service) => (Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {}));
const replicas = ["collab-a", "collab-b"];
/** The load balancer answers under the name clients use. */
const balancer = services["collab-server"]!;
const nginxConf = () => {
  const mount = balancer.volumes!.find((v) => v.endsWith(":/etc/nginx/nginx.conf:ro"))!;
  return readFileSync(`${root}${mount.split(":")[0]!.replace(/^\.\//, "")}`, "utf8");
};

describe("docker-compose.yml", () => {
  it("describes Postgres, Redis, two collab-servers behind a load balancer, the worker and the web app", () => {
    expect(Object.keys(services).sort()).toEqual(["collab-a", "collab-b", "collab-server", "gan-worker", "postgres", "redis", "web"]);
    expect(services.postgres!.image).toMatch(/^postgres:/);
    expect(services.redis!.image).toMatch(/^redis:/);
    expect(balancer.image).toMatch(/^nginx:/);
  });

  it("builds the services from this repository's Dockerfile and runs files the build produces", () => {
    for (const name of [...replicas, "gan-worker", "web"]) {
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

  it("runs both collab-servers on the same Postgres, Redis and secrets, each with its own frame cache and one shared export folder", () => {
    const [a, b] = replicas.map((name) => services[name]!);
    expect(a!.environment).toEqual(b!.environment);
    const env = a!.environment!;
    const db = new URL(env.DATABASE_URL!);
    expect(db.hostname).toBe("postgres");
    expect(db.username).toBe(services.postgres!.environment!.POSTGRES_USER);
    expect(db.password).toBe(services.postgres!.environment!.POSTGRES_PASSWORD);
    expect(db.pathname).toBe(`/${services.postgres!.environment!.POSTGRES_DB}`);
    expect(new URL(env.REDIS_URL!).host).toBe("redis:6379");
    for (const replica of [a!, b!]) expect(dependsOn(replica).sort()).toEqual(["postgres", "redis"]);
    const mountOf = (service: Service, path: string) => service.volumes!.find((v) => v.endsWith(`:${path}`))?.split(":")[0];
    expect(mountOf(a!, env.UMBRA_FRAME_CACHE_DIR!)).not.toBe(mountOf(b!, env.UMBRA_FRAME_CACHE_DIR!));
    expect(mountOf(a!, env.UMBRA_EXPORT_DIR!)).toBe(mountOf(b!, env.UMBRA_EXPORT_DIR!));
    for (const volume of [...a!.volumes!, ...b!.volumes!]) expect(compose.volumes).toHaveProperty(volume.split(":")[0]!);
    // Only the load balancer is published.
    expect(a!.ports ?? []).toEqual([]);
  });

  it("balances both collab-servers behind nginx, with WebSocket upgrades and appended forwarded addresses", () => {
    const port = services["collab-a"]!.environment!.COLLAB_PORT!;
    expect(balancer.ports).toEqual([`${port}:${port}`]);
    expect(dependsOn(balancer).sort()).toEqual(replicas);
    const conf = nginxConf();
    const upstream = /upstream\s+(\w+)\s*\{([^}]*)\}/.exec(conf)!;
    const servers = [...upstream[2]!.matchAll(/server\s+([\w-]+):(\d+)/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(servers.sort()).toEqual(replicas.map((name) => `${name}:${port}`));
    expect(conf).toMatch(new RegExp(`listen\\s+${port};`));
    expect(conf).toMatch(new RegExp(`proxy_pass\\s+http://${upstream[1]};`));
    expect(conf).toMatch(/proxy_set_header\s+Upgrade\s+\$http_upgrade;/);
    expect(conf).toMatch(/proxy_set_header\s+X-Forwarded-For\s+\$proxy_add_x_forwarded_for;/);
  });

  it("sends the worker and the web app to the load balancer by service name and port", () => {
    const port = services["collab-a"]!.environment!.COLLAB_PORT!;
    expect(new URL(services["gan-worker"]!.environment!.UMBRA_HUB_URL!).host).toBe(`collab-server:${port}`);
    const web = services.web!;
    expect(new URL(web.environment!.UMBRA_COLLAB_URL!).host).toBe(`collab-server:${port}`);
    expect(new URL(web.environment!.UMBRA_PUBLIC_COLLAB_URL!).port).toBe(port);
    expect(web.ports).toContain(`${web.environment!.PORT}:${web.environment!.PORT}`);
    expect(services["collab-a"]!.environment!.UMBRA_WEB_ORIGINS!.split(",")).toContain(`http://localhost:${web.environment!.PORT}`);
    for (const [name, service] of Object.entries(services)) for (const dep of dependsOn(service)) expect(services, `${name} depends on ${dep}`).toHaveProperty(dep);
  });

  it("runs the collab-servers in production with the secrets they need, and believes forwarded addresses from the load balancer and the web app only", () => {
    const collab = services["collab-a"]!.environment!;
    expect(collab.NODE_ENV).toBe("production");
    // Compose refuses to start without them rather than running with none.
    expect(collab.UMBRA_WORKER_SECRET).toMatch(/^\$\{UMBRA_WORKER_SECRET:\?/);
    expect(collab.UMBRA_TOKEN_SECRET).toMatch(/^\$\{UMBRA_TOKEN_SECRET:\?/);
    expect(services["gan-worker"]!.environment!.UMBRA_WORKER_SECRET).toMatch(/^\$\{UMBRA_WORKER_SECRET:\?/);
    expect(collab.UMBRA_TRUSTED_PROXIES!.split(",").sort()).toEqual([balancer.networks!.default!.ipv4_address, services.web!.networks!.default!.ipv4_address].sort());
  });
});
