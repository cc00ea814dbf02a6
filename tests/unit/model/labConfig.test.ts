import { ConfigError, parseLabConfig, profileChangeNeedsFreshStack, profileOf, type ConfigSource } from "../../../model/labConfig";

function source(values: Record<string, unknown>): ConfigSource {
  return {
    get: (key) => (values[key] === undefined ? undefined : String(values[key])),
    getObject: <T>(key: string) => values[key] as T | undefined,
  };
}

const dockerDefaults = {
  platform: "docker",
  hostPorts: { web: 18080, api: 13000, db: 16379 },
  memoryMiB: { web: 64, api: 128, db: 128 },
};

describe("stack configuration", () => {
  it("fills in defaults for a valid docker stack", () => {
    expect(parseLabConfig(source(dockerDefaults), "docker")).toEqual({
      platform: "docker",
      namePrefix: "vmcl-docker",
      hostPorts: { web: 18080, api: 13000, db: 16379 },
      memoryMiB: { web: 64, api: 128, db: 128 },
      dockerHost: "unix:///var/run/docker.sock",
      restartPolicy: "unless-stopped",
      containerProfile: "typical",
      containerSubnet: "10.78.0.0/24",
    });
  });

  it.each([
    [{ platform: "kubernetes" }, /vm-container-lab:platform is "kubernetes"; allowed: docker, libvirt/],
    [{ hostPorts: { web: 80, api: 13000, db: 16379 } }, /hostPorts\.web is 80; allowed: an integer port from 1024 to 65535/],
    [{ containerProfile: "fast" }, /containerProfile is "fast"; allowed: typical, tuned/],
    [{ containerSubnet: "8.8.8.0/24" }, /containerSubnet is "8.8.8.0\/24"; allowed: a private \/24/],
    [{ hostPorts: { web: 18080, api: 18080, db: 16379 } }, /hostPorts is .*; allowed: a different port for each app/],
    [{ hostPorts: { web: 18080, api: 13000 } }, /hostPorts\.db is undefined/],
    [{ hostPorts: { web: 18080, api: 13000, db: 16379, cache: 1 } }, /hostPorts\.cache is 1; allowed: only the apps db, api, web/],
    [{ memoryMiB: { web: 8, api: 128, db: 128 } }, /memoryMiB\.web is 8; allowed: an integer from 16 to 4096 \(MiB\) on docker/],
    [{ memoryMiB: { web: 64, api: 1.5, db: 128 } }, /memoryMiB\.api is 1.5/],
    [{ memoryMiB: { web: 64, api: 4097, db: 128 } }, /`npm run pulumi -- config set -s docker --path vm-container-lab:memoryMiB\.api VALUE`/],
    [{ hostPorts: { web: 18080, api: 13000, db: 16379, cache: 1 } }, /`npm run pulumi -- config rm -s docker --path vm-container-lab:hostPorts\.cache`/],
    [{ restartPolicy: "sometimes" }, /^Stack docker: configuration value vm-container-lab:restartPolicy .*Nothing was created or changed\.\nFix: `npm run pulumi -- config set -s docker vm-container-lab:restartPolicy VALUE` \(or edit stacks\/Pulumi\.docker\.yaml\)\.$/],
    [{ restartPolicy: "sometimes" }, /restartPolicy is "sometimes"; allowed: no, unless-stopped, always, on-failure/],
    [{ dockerHost: "/var/run/docker.sock" }, /dockerHost is "\/var\/run\/docker.sock"; allowed: a Docker host URL/],
    [{ namePrefix: "Lab_1" }, /namePrefix is "Lab_1"/],
  ])("rejects %j with a message naming the key and what is allowed", (override, message) => {
    const parse = () => parseLabConfig(source({ ...dockerDefaults, ...override }), "docker");
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(message);
  });

  it("fills in defaults for a valid libvirt stack, without host ports", () => {
    expect(parseLabConfig(source({ platform: "libvirt", memoryMiB: { web: 256, api: 384, db: 256 } }), "libvirt")).toEqual({
      platform: "libvirt",
      namePrefix: "vmcl-libvirt",
      memoryMiB: { web: 256, api: 384, db: 256 },
      libvirtUri: "qemu:///system",
      accelerator: "auto",
      vcpus: 1,
      diskMode: "overlay",
      hostOnlySubnet: "10.77.0.0/24",
      tcgTranslationCacheMiB: 64,
      vmProfile: "typical",
    });
  });

  it.each([
    [{ accelerator: "hvf" }, /accelerator is "hvf"; allowed: auto, kvm, tcg/],
    [{ diskMode: "thin" }, /diskMode is "thin"; allowed: overlay, full-copy/],
    [{ vcpus: "0" }, /vcpus is "0"; allowed: an integer from 1 to 8/],
    [{ hostOnlySubnet: "8.8.8.0/24" }, /hostOnlySubnet is "8.8.8.0\/24"; allowed: a private \/24/],
    [{ hostOnlySubnet: "10.77.0.0/16" }, /hostOnlySubnet is "10.77.0.0\/16"/],
    [{ libvirtUri: "xen:///" }, /libvirtUri is "xen:\/\/\/"/],
    [{ tcgTranslationCacheMiB: "4" }, /tcgTranslationCacheMiB is "4"; allowed: an integer from 16 to 1024/],
    [{ vmProfile: "fast" }, /vmProfile is "fast"; allowed: typical, tuned/],
  ])("rejects libvirt setting %j naming the key and what is allowed", (override, message) => {
    const valid = { platform: "libvirt", memoryMiB: { web: 256, api: 256, db: 256 } };
    expect(() => parseLabConfig(source({ ...valid, ...override }), "libvirt")).toThrow(message);
  });

  it("holds VMs to a larger memory minimum than containers", () => {
    const libvirt = { ...dockerDefaults, platform: "libvirt" };
    expect(() => parseLabConfig(source(libvirt), "libvirt")).toThrow(/memoryMiB\.db is 128; allowed: an integer from 256 to 8192 \(MiB\) on libvirt/);
    expect(parseLabConfig(source({ ...libvirt, memoryMiB: { web: 256, api: 384, db: 256 } }), "libvirt").memoryMiB.api).toBe(384);
  });
});

describe("a profile change on a deployed stack", () => {
  const docker = (containerProfile: string) => parseLabConfig(source({ ...dockerDefaults, containerProfile }), "docker");
  const libvirt = (vmProfile: string) => parseLabConfig(source({ platform: "libvirt", memoryMiB: { web: 256, api: 384, db: 256 }, vmProfile }), "libvirt");

  it("reads each platform's own profile key", () => {
    expect(profileOf(docker("tuned"))).toBe("tuned");
    expect(profileOf(libvirt("tuned"))).toBe("tuned");
    expect(profileOf(libvirt("typical"))).toBe("typical");
  });

  it("takes a docker stack down first when its containers move between profiles, either way", () => {
    expect(profileChangeNeedsFreshStack(docker("tuned"), "typical")).toBe(true);
    expect(profileChangeNeedsFreshStack(docker("typical"), "tuned")).toBe(true);
  });

  it("leaves an unchanged profile, a stack with nothing deployed and libvirt's in-place replacement alone", () => {
    expect(profileChangeNeedsFreshStack(docker("tuned"), "tuned")).toBe(false);
    expect(profileChangeNeedsFreshStack(docker("tuned"), undefined)).toBe(false);
    expect(profileChangeNeedsFreshStack(libvirt("tuned"), "typical")).toBe(false);
  });
});
