import { containerNamed, ofDockerType, outputValue, runDockerProgram, type RecordedResource, type StackProgram } from "./dockerProgram";

describe("the docker stack's resource graph", () => {
  let program: StackProgram;
  let recorded: RecordedResource[] = [];

  beforeAll(async () => {
    ({ program, recorded } = await runDockerProgram());
  }, 60_000);

  const ofType = (type: string) => ofDockerType(recorded, type);

  it("makes one explicit engine provider, one lab network without IP masquerade, one volume for Redis and three containers", () => {
    expect(recorded.filter((resource) => resource.type === "pulumi:providers:docker").map((resource) => resource.inputs.host)).toEqual(["unix:///var/run/docker.sock"]);
    expect(ofType("Network")).toHaveLength(1);
    expect(ofType("Network")[0].inputs).toMatchObject({
      name: "vmcl-docker-net",
      ipamConfigs: [{ subnet: "10.78.0.0/24" }],
      options: { "com.docker.network.bridge.enable_ip_masquerade": "false", "com.docker.network.bridge.name": "vmcl-docker-br" },
    });
    expect(ofType("Volume").map((volume) => volume.inputs.name)).toEqual(["vmcl-docker-db-data"]);
    expect(ofType("Container").map((container) => container.inputs.name).sort()).toEqual(["vmcl-docker-api", "vmcl-docker-db", "vmcl-docker-web"]);
    expect(recorded.filter((resource) => resource.type === "vm-container-lab:platform:DockerApps")).toHaveLength(1);
  });

  it("runs each app from its catalog image with its memory limit, published on 127.0.0.1 only", () => {
    const web = ofType("Container").find((container) => container.inputs.name === "vmcl-docker-web");
    expect(web?.inputs).toMatchObject({
      image: "vm-container-lab/web:test",
      memory: 64,
      memorySwap: 64,
      restart: "unless-stopped",
      ports: [{ internal: 80, external: 18080, ip: "127.0.0.1" }],
      networksAdvanced: [{ name: "vmcl-docker-net", aliases: ["web"] }],
    });
    const db = ofType("Container").find((container) => container.inputs.name === "vmcl-docker-db");
    expect(db?.inputs).toMatchObject({ memory: 96, volumes: [{ volumeName: "vmcl-docker-db-data", containerPath: "/var/lib/redis" }] });
    const api = ofType("Container").find((container) => container.inputs.name === "vmcl-docker-api");
    expect(api?.inputs.envs).toEqual(["API_PORT=3000", "REDIS_HOST=db", "REDIS_PORT=6379"]);
    for (const container of ofType("Container")) {
      expect((container.inputs.ports as { ip: string }[]).every((port) => port.ip === "127.0.0.1")).toBe(true);
      expect(container.inputs.labels).toEqual(expect.arrayContaining([{ label: "vm-container-lab", value: "true" }, { label: "vm-container-lab.stack", value: "docker" }]));
    }
  });

  const container = (app: string) => containerNamed(recorded, `vmcl-docker-${app}`);

  it("runs every container with least privilege: all capabilities dropped but the app's, no new privileges, a read-only root", () => {
    expect(container("web")).toMatchObject({ capabilities: { drops: ["ALL"], adds: ["CAP_CHOWN", "CAP_SETGID", "CAP_SETUID"] } });
    for (const app of ["api", "db"]) expect(container(app)).toMatchObject({ capabilities: { drops: ["ALL"], adds: [] } });
    for (const app of ["web", "api", "db"]) {
      expect(container(app)).toMatchObject({ securityOpts: ["no-new-privileges:true"], readOnly: true });
      expect(container(app).privileged).toBeUndefined();
    }
  });

  it("gives each app tmpfs only where it writes, and keeps Redis's data on its volume", () => {
    expect(container("web").tmpfs).toEqual({
      "/run": "rw,noexec,nosuid,nodev,size=1m",
      "/var/lib/nginx": "rw,noexec,nosuid,nodev,size=8m",
      "/var/log/nginx": "rw,noexec,nosuid,nodev,size=1m",
    });
    expect(container("api").tmpfs).toBeUndefined();
    expect(container("db").tmpfs).toBeUndefined();
    expect(container("db").volumes).toEqual([{ volumeName: "vmcl-docker-db-data", containerPath: "/var/lib/redis" }]);
    expect(container("web").volumes).toEqual([]);
  });

  it("limits each container's tasks through the engine, since the provider has no pids limit", () => {
    const commands = recorded.filter((resource) => resource.type === "command:local:Command" && resource.name.endsWith("-pids-limit"));
    expect(commands.map((command) => [command.name, command.inputs.create]).sort()).toEqual([
      ["apps-api-pids-limit", "docker update --pids-limit 64 id-of-vmcl-docker-api"],
      ["apps-db-pids-limit", "docker update --pids-limit 32 id-of-vmcl-docker-db"],
      ["apps-web-pids-limit", "docker update --pids-limit 32 id-of-vmcl-docker-web"],
    ]);
    for (const command of commands) {
      expect(command.inputs.environment).toEqual({ DOCKER_HOST: "unix:///var/run/docker.sock" });
      expect(command.inputs.triggers).toEqual([`id-of-vmcl-docker-${command.name.split("-")[1]}`]);
    }
  });

  it("exports the shared deployment shape", async () => {
    expect(program.platform).toBe("docker");
    expect(program.executionMode).toBe("native");
    expect(program.profile).toBe("typical");
    expect(program.webUrl).toBe("http://127.0.0.1:18080/");
    const instances = await outputValue(program.instances);
    expect(instances.find((instance) => instance.app === "api")).toEqual({
      app: "api",
      kind: "container",
      name: "vmcl-docker-api",
      instanceId: "id-of-vmcl-docker-api",
      endpoint: { host: "127.0.0.1", port: 13000, via: "lo" },
      memoryLimitBytes: 128 * 1024 * 1024,
    });
  });
});
