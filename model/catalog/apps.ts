import * as path from "node:path";

/**
 * The one description of the lab's three apps. The image builder installs from it, both stacks deploy from it
 * and the measurements read their ready checks from it, so nothing about an app is written twice.
 */
export type AppName = "web" | "api" | "db";

/** How to tell an app is ready, probed from the host through the instance's published endpoint. */
export type ReadyCheck =
  | { kind: "http"; path: string; expectStatus: number }
  | { kind: "redis-ping" };

export interface AppFile {
  /** Absolute path inside the instance. */
  path: string;
  /** File in model/catalog/files holding the content. */
  source: string;
  mode: number;
}

/**
 * What the app needs from a container that otherwise grants nothing: every capability but these dropped, no new
 * privileges, a read-only root file system and a pids limit. Deployment settings, not image inputs.
 */
export interface ContainerNeeds {
  /**
   * Linux capabilities the app's main process uses, named as the engine stores them (CAP_…, so the provider sees no
   * change on the next update); none for apps that start as their own user.
   */
  capabilities: string[];
  /** Folders the app writes that need not outlive the container, with their size in MiB: tmpfs on the read-only root. */
  scratchDirs: Record<string, number>;
  /** Folder whose content outlives the container: a volume. */
  dataDir?: string;
  /** Most tasks (processes and threads) at once, health checks and `docker exec` probes included: the pids limit. */
  maxTasks: number;
}

export interface AppSpec {
  name: AppName;
  description: string;
  /** Debian packages the app needs (the same versions go into its container image and the VM image). */
  debianPackages: string[];
  files: AppFile[];
  /** TCP port the app listens on inside its instance. */
  port: number;
  /** The foreground command that runs the app: the container's main process and the VM's systemd ExecStart. */
  command: string[];
  /**
   * How a tuned VM starts the app where it differs (tunedCommandOf): `command` instead of the app's own, once `prepare`
   * has made `creates`. The VM's init runs `prepare` as root at the VM's first boot, inside the guest, because what it
   * makes depends on the CPU the guest sees, which the image build cannot know.
   */
  tunedStart?: { prepare: string[]; creates: string; command: string[] };
  /** Unprivileged user the app runs as; nginx starts as root and drops to www-data itself. */
  user: string;
  /** Environment of the app process: other apps are reached by name on both platforms. */
  environment: Record<string, string>;
  /** Apps that must be up before this one starts. */
  dependsOn: AppName[];
  ready: ReadyCheck;
  /**
   * Text the app prints as it starts to listen, where it prints such a line: a container's boot sample tries the
   * ready check when the line reaches the engine's log, instead of polling through the app's own start.
   */
  readyLogLine?: string;
  container: ContainerNeeds;
}

export const appNames: readonly AppName[] = ["db", "api", "web"];

/**
 * Installed beside every app, in its container image and in the VM image, so that the overhead benchmarks run the
 * same binaries inside each instance (and the host runs the host's package of the same suite).
 */
export const benchmarkPackages: readonly string[] = ["sysbench"];

export const apps: Record<AppName, AppSpec> = {
  db: {
    name: "db",
    description: "Redis with its data on disk",
    debianPackages: ["redis-server"],
    files: [{ path: "/etc/redis/redis-lab.conf", source: "redis-lab.conf", mode: 0o644 }],
    port: 6379,
    command: ["/usr/bin/redis-server", "/etc/redis/redis-lab.conf"],
    user: "redis",
    environment: {},
    dependsOn: [],
    ready: { kind: "redis-ping" },
    readyLogLine: "Ready to accept connections",
    container: { capabilities: [], scratchDirs: {}, dataDir: "/var/lib/redis", maxTasks: 32 },
  },
  api: {
    name: "api",
    description: "the lab's own Node.js service counting visits in Redis",
    debianPackages: ["nodejs"],
    files: [{ path: "/opt/lab-api/server.js", source: "api-server.js", mode: 0o644 }],
    port: 3000,
    command: ["/usr/bin/node", "/opt/lab-api/server.js"],
    // Debian's node is built without Node's own startup snapshot and code cache, so every start compiles Node's
    // bootstrap: 0.9 s of a 1.85 s `node -e 0` under TCG. A V8 startup snapshot of server.js, loaded, skips it. V8
    // refuses (node aborts on) a snapshot made on a CPU with other features, so the image build cannot make it.
    tunedStart: {
      prepare: ["/usr/bin/node", "--snapshot-blob", "/opt/lab-api/server.blob", "--build-snapshot", "/opt/lab-api/server.js"],
      creates: "/opt/lab-api/server.blob",
      command: ["/usr/bin/node", "--snapshot-blob", "/opt/lab-api/server.blob"],
    },
    user: "nobody",
    environment: { API_PORT: "3000", REDIS_HOST: "db", REDIS_PORT: "6379" },
    dependsOn: ["db"],
    ready: { kind: "http", path: "/healthz", expectStatus: 200 },
    // server.js prints it from its listen callback.
    readyLogLine: "api listening on",
    container: { capabilities: [], scratchDirs: {}, maxTasks: 64 },
  },
  web: {
    name: "web",
    description: "nginx serving a static page and proxying /api/ to the api app",
    debianPackages: ["nginx"],
    files: [
      { path: "/etc/nginx/nginx-lab.conf", source: "nginx-web.conf", mode: 0o644 },
      { path: "/srv/web/index.html", source: "index.html", mode: 0o644 },
    ],
    port: 80,
    command: ["/usr/sbin/nginx", "-c", "/etc/nginx/nginx-lab.conf"],
    user: "root",
    environment: {},
    dependsOn: ["api"],
    ready: { kind: "http", path: "/", expectStatus: 200 },
    container: {
      // The root master makes its temp folders in /var/lib/nginx and hands them to www-data (CHOWN), then starts its
      // worker as www-data (SETGID, SETUID). Port 80 needs no NET_BIND_SERVICE: Docker (20.10 and later) sets
      // net.ipv4.ip_unprivileged_port_start=0 in every container's network namespace.
      capabilities: ["CAP_CHOWN", "CAP_SETGID", "CAP_SETUID"],
      // The pid file, those temp folders, and the default error log nginx opens before it reads its configuration.
      scratchDirs: { "/run": 1, "/var/lib/nginx": 8, "/var/log/nginx": 1 },
      maxTasks: 32,
    },
  },
};

/** The command that starts `spec` in a tuned VM: its tuned start's where it has one, else its own command. */
export function tunedCommandOf(spec: AppSpec): string[] {
  return spec.tunedStart?.command ?? spec.command;
}

/** The folder of the apps' files (AppFile.source is relative to it). */
export const catalogFilesDir = path.join(__dirname, "files");

/** Every app an app needs running, directly or through the apps it depends on. */
export function dependenciesOf(app: AppName): AppName[] {
  const found = new Set<AppName>();
  const visit = (name: AppName) => {
    for (const dependency of apps[name].dependsOn) {
      if (!found.has(dependency)) {
        found.add(dependency);
        visit(dependency);
      }
    }
  };
  visit(app);
  return appNames.filter((name) => found.has(name));
}
