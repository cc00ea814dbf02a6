import {
  imageSharing,
  layerChainIds,
  layerDbSizeFile,
  layerSizesFromHistory,
  parseContainerInspect,
  parseDockerSize,
  parseDockerStats,
  parseImageHistory,
  parseImageInspect,
  parseSystemDfVerbose,
  type ImageHistoryEntry,
  type ImageLayers,
} from "../../../labs/lib/measure/dockerParsers";
import { agreesWithin } from "../../../labs/lib/measure/stats";
import { fixture } from "./fixture";

/** The three fixture images: measure-fixture-{web,api,db}:1, each FROM one imported busybox layer plus its own payload. */
const apps = ["web", "api", "db"] as const;
const baseDiffId = "sha256:d2db4b910b8113e44e77fd9462a72ccc529a68d77f87711a36b24b0ddc5e612b";

function appImageLayers(app: (typeof apps)[number]): ImageLayers {
  const [image] = parseImageInspect(fixture(`docker-image-inspect-${app}.json`));
  return { name: app, layers: layerSizesFromHistory(parseImageHistory(fixture(`docker-history-${app}.jsonl`)), image.layerDiffIds) };
}

describe("Docker's human-readable sizes", () => {
  it("reads decimal disk units and binary memory units", () => {
    expect(parseDockerSize("760KiB")).toBe(778240);
    expect(parseDockerSize("64MiB")).toBe(67108864);
    expect(parseDockerSize("1.5GiB")).toBe(1610612736);
    expect(parseDockerSize("1.982MB")).toBe(1982000);
    expect(parseDockerSize("300kB")).toBe(300000);
    expect(parseDockerSize("0B")).toBe(0);
    expect(() => parseDockerSize("12 parsecs")).toThrow("not a Docker size");
    expect(() => parseDockerSize("")).toThrow("not a Docker size");
  });
});

describe("docker stats", () => {
  it("reads memory usage and limit of every container", () => {
    const stats = parseDockerStats(fixture("docker-stats-no-stream.jsonl"));
    expect(stats).toEqual([
      { containerId: "322f2e38cfc4", name: "measure-fixture-web", memUsageBytes: 732 * 1024, memLimitBytes: 48 * 1024 * 1024, memPercent: 1.49, cpuPercent: 0, pids: 1 },
      { containerId: "07054fbaa085", name: "measure-fixture-sleep", memUsageBytes: 312 * 1024, memLimitBytes: 64 * 1024 * 1024, memPercent: 0.48, cpuPercent: 0, pids: 1 },
    ]);
    expect(() => parseDockerStats('{"ID":"x","Name":"y","MemUsage":"1MiB","MemPerc":"1%","CPUPerc":"0%","PIDs":"1"}')).toThrow('not "USAGE / LIMIT"');
  });
});

describe("docker image inspect and container inspect", () => {
  it("reads an image's id, size and layers", () => {
    expect(parseImageInspect(fixture("docker-image-inspect-web.json"))).toEqual([
      {
        id: "sha256:9f9a4855313a6478179e2152cb8caf7222f849e94aec4108cd853a2083d6ef1d",
        repoTags: ["measure-fixture-web:1"],
        sizeBytes: 2282256,
        layerDiffIds: [baseDiffId, "sha256:da0dea2f9513d097bdf7f860ac55bb071282fbd4f92f5c5f83b6fce530b4bf8d", "sha256:dc22cacb025b6021e14f078a469b17b55cfa2192b02e743f33929eef203dd2b2"],
      },
    ]);
    expect(parseImageInspect(fixture("docker-image-inspect-busybox.json"))[0].layerDiffIds).toEqual([baseDiffId]);
  });

  it("reads a container's writable layer, start time and sizes", () => {
    const [web] = parseContainerInspect(fixture("docker-container-inspect-size-web.json"));
    expect(web).toEqual({
      id: "322f2e38cfc41163e2761dc22d71f29532572afec208bd2d452fe1e57d4a7c1c",
      name: "measure-fixture-web",
      imageId: "sha256:9f9a4855313a6478179e2152cb8caf7222f849e94aec4108cd853a2083d6ef1d",
      status: "running",
      pid: 12976,
      startedAt: "2026-11-25T13:18:23.14920366Z",
      memoryLimitBytes: 48 * 1024 * 1024,
      storageDriver: "overlay2",
      upperDir: "/var/lib/docker/overlay2/2df371503f54111a2ba036680ecd52b23b4ff0186dc7d832956a845cbeebf9e5/diff",
      sizeRwBytes: 524288,
      sizeRootFsBytes: 2806544,
      readOnlyRootFs: false,
      securityOpts: [],
      pidsLimit: null,
    });
    expect(web.sizeRootFsBytes).toBe(2282256 + (web.sizeRwBytes ?? 0));
  });

  it("reads how a container is confined", () => {
    const [web] = parseContainerInspect(fixture("docker-container-inspect-web-hardened.json"));
    expect([web.readOnlyRootFs, web.securityOpts, web.pidsLimit]).toEqual([true, ["no-new-privileges:true"], 32]);
  });

  it("has no sizes without --size", () => {
    const [web] = parseContainerInspect(fixture("docker-container-inspect-web.json"));
    expect([web.sizeRwBytes, web.sizeRootFsBytes]).toEqual([undefined, undefined]);
    expect(web.upperDir).toMatch(/\/diff$/);
    expect(() => parseContainerInspect("{}")).toThrow("JSON array");
  });
});

describe("docker history", () => {
  it("reads exact sizes with --human=false and rounded ones without", () => {
    const exact = parseImageHistory(fixture("docker-history-web.jsonl"));
    expect(exact.map((entry) => entry.sizeBytes)).toEqual([0, 0, 300000, 0, 1982256]);
    expect(exact.every((entry) => entry.sizeIsExact)).toBe(true);
    expect(exact[4]).toEqual({ id: "sha256:dbe67039fe318317cf2132a2c609f612e3a4525971357c8b0f377c734d25d6ce", createdBy: "", comment: "Imported from -", sizeBytes: 1982256, sizeIsExact: true });
    const rounded = parseImageHistory(fixture("docker-history-web-human.jsonl"));
    expect(rounded.map((entry) => entry.sizeBytes)).toEqual([0, 0, 300000, 0, 1980000]);
    expect(rounded[4].sizeIsExact).toBe(false);
  });

  it("pairs layers with history steps, counting the zero-size RUN as a layer and ENV/CMD as none", () => {
    const [image] = parseImageInspect(fixture("docker-image-inspect-web.json"));
    expect(layerSizesFromHistory(parseImageHistory(fixture("docker-history-web.jsonl")), image.layerDiffIds)).toEqual([
      { diffId: baseDiffId, sizeBytes: 1982256 },
      { diffId: "sha256:da0dea2f9513d097bdf7f860ac55bb071282fbd4f92f5c5f83b6fce530b4bf8d", sizeBytes: 300000 },
      { diffId: "sha256:dc22cacb025b6021e14f078a469b17b55cfa2192b02e743f33929eef203dd2b2", sizeBytes: 0 },
    ]);
  });

  it("counts zero-size steps of unclear kind as none when the sized steps already fill the layers", () => {
    const step = (createdBy: string, sizeBytes: number): ImageHistoryEntry => ({ id: "<missing>", createdBy, comment: "buildkit.dockerfile.v0", sizeBytes, sizeIsExact: true });
    const newestFirst = [step('CMD ["redis-server"]', 0), step("RUN /bin/sh -c true # buildkit", 0), step("COPY conf /etc # buildkit", 1200), step("ADD rootfs.tar / # buildkit", 5000)];
    expect(layerSizesFromHistory(newestFirst, ["sha256:a", "sha256:b"])).toEqual([
      { diffId: "sha256:a", sizeBytes: 5000 },
      { diffId: "sha256:b", sizeBytes: 1200 },
    ]);
  });

  it("refuses rounded sizes and histories that do not fit the layers", () => {
    const [image] = parseImageInspect(fixture("docker-image-inspect-web.json"));
    expect(() => layerSizesFromHistory(parseImageHistory(fixture("docker-history-web-human.jsonl")), image.layerDiffIds)).toThrow("--human=false");
    expect(() => layerSizesFromHistory(parseImageHistory(fixture("docker-history-web.jsonl")), image.layerDiffIds.slice(0, 1))).toThrow(
      "2 steps that made layers (1 undecided) but the image has 1 layers",
    );
  });
});

describe("layer storage and sharing", () => {
  it("computes the chain ids under which this host's layerdb stored the layers", () => {
    const chainIds = (app: (typeof apps)[number]) => layerChainIds(parseImageInspect(fixture(`docker-image-inspect-${app}.json`))[0].layerDiffIds);
    expect(chainIds("web")).toEqual([
      baseDiffId,
      "sha256:fc60d62a2a7f7d14b0f69c4c7fe8e62242c925f92cb56bf4ed774ed21af2a289",
      "sha256:20567d733930eccd5ccbd4f70d1c670b2934f1ad1660cf372a60a8f9c27524ef",
    ]);
    expect(chainIds("api")[1]).toBe("sha256:60a04937cf495a22ab99db4131c9ef34f36657ee30bfef001a06b0c9ebca9f22");
    expect(chainIds("db")[1]).toBe("sha256:9418dcc3da1db3548cd2147ad84c00254895fa3400df0411b085a6bb60380ab0");
    expect(layerDbSizeFile("sha256:fc60d62a2a7f7d14b0f69c4c7fe8e62242c925f92cb56bf4ed774ed21af2a289")).toBe(
      "/var/lib/docker/image/overlay2/layerdb/sha256/fc60d62a2a7f7d14b0f69c4c7fe8e62242c925f92cb56bf4ed774ed21af2a289/size",
    );
  });

  it("splits three images on one base into shared and unique bytes", () => {
    expect(imageSharing(apps.map(appImageLayers))).toEqual({
      perImage: [
        { name: "web", totalBytes: 2282256, sharedWithAllBytes: 1982256, uniqueBytes: 300000, partlySharedBytes: 0 },
        { name: "api", totalBytes: 2182256, sharedWithAllBytes: 1982256, uniqueBytes: 200000, partlySharedBytes: 0 },
        { name: "db", totalBytes: 2082256, sharedWithAllBytes: 1982256, uniqueBytes: 100000, partlySharedBytes: 0 },
      ],
      sharedWithAllBytes: 1982256,
      storedBytes: 2582256,
      fullCopyEquivalentBytes: 6546768,
    });
  });

  it("does not share equal content on a different base, and finds partly shared layers", () => {
    const layer = (diffId: string, sizeBytes: number) => ({ diffId, sizeBytes });
    const sharing = imageSharing([
      { name: "a", layers: [layer("sha256:base", 100), layer("sha256:mid", 10), layer("sha256:top", 1)] },
      { name: "b", layers: [layer("sha256:base", 100), layer("sha256:mid", 10)] },
      { name: "c", layers: [layer("sha256:other", 50), layer("sha256:mid", 10)] },
    ]);
    expect(sharing.perImage.map((image) => [image.name, image.sharedWithAllBytes, image.partlySharedBytes, image.uniqueBytes])).toEqual([
      ["a", 0, 110, 1],
      ["b", 0, 110, 0],
      ["c", 0, 0, 60],
    ]);
    expect(sharing.storedBytes).toBe(171);
    expect(imageSharing([{ name: "alone", layers: [layer("sha256:base", 100)] }]).perImage[0]).toEqual({ name: "alone", totalBytes: 100, sharedWithAllBytes: 0, uniqueBytes: 100, partlySharedBytes: 0 });
    expect(() => imageSharing([])).toThrow("no images");
  });
});

describe("docker system df -v", () => {
  it("reads the engine's shared and unique sizes, which agree with the layer arithmetic to Docker's rounding", () => {
    const df = parseSystemDfVerbose(fixture("docker-system-df-v.json"));
    const web = df.images.find((image) => image.repository === "measure-fixture-web");
    expect(web).toEqual({
      id: "sha256:9f9a4855313a6478179e2152cb8caf7222f849e94aec4108cd853a2083d6ef1d",
      repository: "measure-fixture-web",
      tag: "1",
      sizeBytes: 2280000,
      sharedSizeBytes: 1982000,
      uniqueSizeBytes: 300000,
      containers: 1,
    });
    const computed = imageSharing(apps.map(appImageLayers));
    expect(agreesWithin(web?.sharedSizeBytes ?? 0, computed.sharedWithAllBytes, 0.0005)).toBe(true);
    expect(df.containers.find((container) => container.names === "measure-fixture-web")?.sizeRwBytes).toBe(524000);
  });
});
