import {
  checkContainerInputs,
  checkNetworkInputs,
  checkVolumeInputs,
  containerCreateArgs,
  ContainerInputs,
  diffContainer,
  diffNetwork,
  diffVolume,
  isDockerName,
  isDockerNotFound,
  labelArgs,
  missingImageMessage,
  networkConnectArgs,
  networkCreateArgs,
  publishSpec,
  resolveDockerHost,
  volumeCreateArgs,
} from "../../../stacks/providers/docker";
import { unknownValue } from "../../../stacks/providers/properties";

const noDockerHost: NodeJS.ProcessEnv = {};

describe("resolveDockerHost", () => {
  it("prefers the explicit host, then DOCKER_HOST, then the local socket", () => {
    expect(resolveDockerHost("tcp://127.0.0.1:2375", { DOCKER_HOST: "unix:///other.sock" })).toBe("tcp://127.0.0.1:2375");
    expect(resolveDockerHost(undefined, { DOCKER_HOST: "unix:///other.sock" })).toBe("unix:///other.sock");
    expect(resolveDockerHost(undefined, { DOCKER_HOST: "" })).toBe("unix:///var/run/docker.sock");
    expect(resolveDockerHost(undefined, noDockerHost)).toBe("unix:///var/run/docker.sock");
  });
});

describe("docker helpers", () => {
  it("sort labels so the same labels always give the same command", () => {
    expect(labelArgs({ b: "2", a: "x=y" })).toEqual(["--label", "a=x=y", "--label", "b=2"]);
  });

  it("know Docker's name rule", () => {
    expect(["web", "lab_web.1-a", "-web", "we b", "", "a/b"].map(isDockerName)).toEqual([true, true, false, false, false, false]);
  });

  it("recognize the engine's 'does not exist' answers and nothing else", () => {
    expect(isDockerNotFound("Error response from daemon: network lab-nope not found")).toBe(true);
    expect(isDockerNotFound("Error response from daemon: No such container: lab-nope")).toBe(true);
    expect(isDockerNotFound("Error response from daemon: get lab-nope: no such volume")).toBe(true);
    expect(isDockerNotFound("Error response from daemon: no such image: lab-nope:x: No such image: lab-nope:x")).toBe(true);
    expect(isDockerNotFound("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?")).toBe(false);
    expect(isDockerNotFound("Error response from daemon: error while removing network: network lab has active endpoints")).toBe(false);
  });

  it("tell the user to build the images when one is missing", () => {
    expect(missingImageMessage("lab/web:1")).toBe('Docker image "lab/web:1" is not on this host, and this lab never pulls images.\nFix: run `npm run images` to build the lab\'s images, then run the update again.');
  });
});

describe("docker network", () => {
  it("fills in the defaults: not internal, no masquerading, no labels", () => {
    expect(checkNetworkInputs({ name: "lab-net" }, noDockerHost)).toEqual({
      inputs: { name: "lab-net", labels: {}, internal: false, ipMasquerade: false, dockerHost: "unix:///var/run/docker.sock" },
      failures: [],
    });
  });

  it("creates a bridge with masquerading off by default", () => {
    const { inputs } = checkNetworkInputs({ name: "lab-net" }, noDockerHost);
    expect(networkCreateArgs(inputs)).toEqual(["network", "create", "--driver", "bridge", "--opt", "com.docker.network.bridge.enable_ip_masquerade=false", "lab-net"]);
  });

  it("passes labels, internal and subnet", () => {
    const { inputs } = checkNetworkInputs({ name: "lab-net", labels: { lab: "yes" }, internal: true, ipMasquerade: true, subnet: "10.213.77.0/24" }, noDockerHost);
    expect(networkCreateArgs(inputs)).toEqual([
      "network",
      "create",
      "--driver",
      "bridge",
      "--label",
      "lab=yes",
      "--internal",
      "--opt",
      "com.docker.network.bridge.enable_ip_masquerade=true",
      "--subnet",
      "10.213.77.0/24",
      "lab-net",
    ]);
  });

  it("rejects bad names and subnets", () => {
    expect(checkNetworkInputs({ name: "-bad", subnet: "nope" }, noDockerHost).failures.map((failure) => failure.property)).toEqual(["name", "subnet"]);
  });

  it("replaces on any input change and sees no change on a second run", () => {
    const { inputs } = checkNetworkInputs({ name: "lab-net", labels: { a: "1", b: "2" } }, noDockerHost);
    const olds = { ...inputs, networkId: "abc", __provider: "code" };
    const again = checkNetworkInputs({ labels: { b: "2", a: "1" }, name: "lab-net" }, noDockerHost).inputs;
    expect(diffNetwork(olds, { ...again, __provider: "code" } as typeof again).changes).toBe(false);
    expect(diffNetwork(olds, { ...inputs, internal: true }).replaces).toEqual(["internal"]);
    expect(diffNetwork(olds, { ...inputs, internal: true }).deleteBeforeReplace).toBe(true);
  });
});

describe("docker volume", () => {
  it("creates a labelled volume and replaces it when the labels change", () => {
    const { inputs, failures } = checkVolumeInputs({ name: "lab-data", labels: { lab: "yes" } }, noDockerHost);
    expect(failures).toEqual([]);
    expect(volumeCreateArgs(inputs)).toEqual(["volume", "create", "--label", "lab=yes", "lab-data"]);
    expect(diffVolume({ ...inputs, volumeName: "lab-data" }, { ...inputs, labels: {} }).replaces).toEqual(["labels"]);
  });
});

describe("docker container", () => {
  const minimal = checkContainerInputs({ name: "web", image: "lab/web:1" }, noDockerHost).inputs;

  it("fills in the defaults", () => {
    expect(minimal).toEqual({
      name: "web",
      image: "lab/web:1",
      networks: [],
      ports: [],
      env: {},
      labels: {},
      restartPolicy: "no",
      command: [],
      volumes: [],
      dockerHost: "unix:///var/run/docker.sock",
    });
  });

  it("creates a minimal container without pulling", () => {
    expect(containerCreateArgs(minimal)).toEqual(["create", "--name", "web", "--pull", "never", "--restart", "no", "lab/web:1"]);
  });

  it("creates a full container joined to its first network only", () => {
    const { inputs, failures } = checkContainerInputs(
      {
        name: "web",
        image: "lab/web:1",
        networks: [{ name: "front", aliases: ["web", "www"] }, { name: "back" } as ContainerInputs["networks"][number]],
        ports: [{ internal: 80, external: 8080 } as ContainerInputs["ports"][number], { internal: 443, external: 8443, ip: "::1" }],
        env: { B: "two words", A: "x=1" },
        labels: { lab: "yes" },
        memoryBytes: 134217728,
        restartPolicy: "unless-stopped",
        command: ["httpd", "-f"],
        volumes: [{ volumeName: "lab-data", containerPath: "/data" }],
      },
      noDockerHost,
    );
    expect(failures).toEqual([]);
    expect(containerCreateArgs(inputs)).toEqual([
      "create",
      "--name",
      "web",
      "--pull",
      "never",
      "--label",
      "lab=yes",
      "--env",
      "A=x=1",
      "--env",
      "B=two words",
      "--memory",
      "134217728b",
      "--restart",
      "unless-stopped",
      "--publish",
      "127.0.0.1:8080:80/tcp",
      "--publish",
      "[::1]:8443:443/tcp",
      "--volume",
      "lab-data:/data",
      "--network",
      "front",
      "--network-alias",
      "web",
      "--network-alias",
      "www",
      "lab/web:1",
      "httpd",
      "-f",
    ]);
    expect(networkConnectArgs("c0ffee", inputs.networks[1])).toEqual(["network", "connect", "back", "c0ffee"]);
  });

  it("connects further networks with their aliases", () => {
    expect(networkConnectArgs("c0ffee", { name: "back", aliases: ["db", "cache"] })).toEqual(["network", "connect", "--alias", "db", "--alias", "cache", "back", "c0ffee"]);
  });

  it("publishes on loopback unless told otherwise", () => {
    expect(publishSpec({ internal: 80, external: 18080, ip: "127.0.0.1" })).toBe("127.0.0.1:18080:80/tcp");
    expect(publishSpec({ internal: 80, external: 18080, ip: "::1" })).toBe("[::1]:18080:80/tcp");
  });

  it("rejects what Docker would reject", () => {
    const { failures } = checkContainerInputs(
      {
        name: "bad name",
        image: "",
        ports: [{ internal: 0, external: 70000, ip: "127.0.0.1" }],
        restartPolicy: "sometimes" as "no",
        memoryBytes: 10,
        volumes: [{ volumeName: "v", containerPath: "data" }],
      },
      noDockerHost,
    );
    expect(failures.map((failure) => failure.property)).toEqual(["name", "image", "restartPolicy", "memoryBytes", "ports[0].internal", "ports[0].external", "volumes[0].containerPath"]);
  });

  it("passes values that are not known yet through a preview", () => {
    const { inputs, failures } = checkContainerInputs(
      { name: "web", image: "lab/web:1", networks: [{ name: unknownValue } as ContainerInputs["networks"][number]], volumes: unknownValue as unknown as ContainerInputs["volumes"] },
      noDockerHost,
    );
    expect(failures).toEqual([]);
    expect(inputs.networks).toEqual([{ name: unknownValue, aliases: [] }]);
    expect(inputs.volumes).toBe(unknownValue);
  });

  it("sees no change on a second run and replaces, old one first, on any change", () => {
    const olds = { ...minimal, containerId: "c0ffee", __provider: "code" };
    const again = { ...checkContainerInputs({ image: "lab/web:1", name: "web" }, noDockerHost).inputs, __provider: "code" };
    expect(diffContainer(olds, again)).toEqual({ changes: false, replaces: [], stables: ["containerId"], deleteBeforeReplace: false });
    expect(diffContainer(olds, { ...again, env: { A: "1" } })).toEqual({ changes: true, replaces: ["env"], stables: [], deleteBeforeReplace: true });
    expect(diffContainer(olds, { ...again, memoryBytes: 64 * 1024 * 1024 }).replaces).toEqual(["memoryBytes"]);
  });
});
