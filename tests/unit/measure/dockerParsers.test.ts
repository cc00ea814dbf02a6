import { engineStampMs, imageSharing, layerChainIds, layerDbSizeFile, parseContainerInspect, parseImageInspect, parseJsonLogLine, type ImageLayers } from "../../../labs/lib/measure/dockerParsers";
import { fixture } from "./fixture";

/** The three fixture images: measure-fixture-{web,api,db}:1, each FROM one imported busybox layer plus its own payload. */
const apps = ["web", "api", "db"] as const;
const baseDiffId = "sha256:d2db4b910b8113e44e77fd9462a72ccc529a68d77f87711a36b24b0ddc5e612b";

/** Bytes of each image's layers as this host's layerdb recorded them (base, payload, an empty RUN layer). */
const layerBytes = { web: [1982256, 300000, 0], api: [1982256, 200000, 0], db: [1982256, 100000, 0] };

function appImageLayers(app: (typeof apps)[number]): ImageLayers {
  const [image] = parseImageInspect(fixture(`docker-image-inspect-${app}.json`));
  return { name: app, layers: image.layerDiffIds.map((diffId, index) => ({ diffId, sizeBytes: layerBytes[app][index] })) };
}

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
      logPath: "/var/lib/docker/containers/322f2e38cfc41163e2761dc22d71f29532572afec208bd2d452fe1e57d4a7c1c/322f2e38cfc41163e2761dc22d71f29532572afec208bd2d452fe1e57d4a7c1c-json.log",
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

describe("the engine's json-file log", () => {
  it("reads an engine time stamp to below the millisecond", () => {
    expect(engineStampMs("2026-12-03T09:46:36.950123456Z")).toBeCloseTo(Date.parse("2026-12-03T09:46:36.950Z") + 0.123456, 6);
    expect(engineStampMs("2026-12-03T09:46:36Z")).toBe(Date.parse("2026-12-03T09:46:36Z"));
    expect(engineStampMs("0001-01-01T00:00:00+01:00")).toBeUndefined();
  });

  it("reads what the app wrote and when the engine read it, and nothing from other lines", () => {
    const line = '{"log":"1:M 03 Dec 2026 09:46:36.950 * Ready to accept connections\\n","stream":"stdout","time":"2026-12-03T09:46:36.950588921Z"}';
    expect(parseJsonLogLine(line)).toEqual({ text: "1:M 03 Dec 2026 09:46:36.950 * Ready to accept connections\n", stampMs: engineStampMs("2026-12-03T09:46:36.950588921Z") });
    expect(parseJsonLogLine('{"log":"half a line')).toBeUndefined();
    expect(parseJsonLogLine('{"stream":"stdout","time":"2026-12-03T09:46:36.950588921Z"}')).toBeUndefined();
  });
});
