import { appNames, benchmarkPackages, type AppName, type AppSpec } from "../../../model/catalog/apps";
import { baseTreeRecipe } from "./baseTree";
import { labCatalog, type Catalog } from "./catalog";
import { appDockerfile } from "./dockerfile";
import { keyOf, sha256, shortKey } from "./hashing";
import { installDebsScript } from "./packages";
import { rootfsDir } from "./paths";
import { vmSpec, type VmSpec } from "./vmSpec";

/** The one Debian suite every image is built from. */
export const debianSuite = "bookworm";

export const imageRepository = "vm-container-lab";

/** The debootstrap run that every image starts from; keyed by suite, variant and architecture only. */
export interface RootfsPlan {
  key: string;
  /** debootstrap arguments before the target folder. */
  debootstrapArgs: string[];
  /** Cached result (with apt lists: it also resolves and downloads every later package). */
  dir: string;
}

export interface DockerBasePlan {
  key: string;
  tag: string;
}

/** A catalog file copied into an app image. */
export interface ContextFile {
  /** Name in model/catalog/files. */
  source: string;
  content: string;
  mode: number;
}

export interface AppImagePlan {
  app: AppName;
  /** Depends on the base image, the app's catalog entry and files, and the install script. */
  key: string;
  tag: string;
  packages: string[];
  dockerfile: string;
  files: ContextFile[];
}

export interface VmPlan {
  /** The inputs hash: the VM image contains every app, so any input change rebuilds it. */
  key: string;
  packages: string[];
  spec: VmSpec;
}

/** What the catalog and builder make, with the cache key of each artifact. Pure: reads only the catalog. */
export interface ImagePlan {
  inputsHash: string;
  suite: string;
  rootfs: RootfsPlan;
  dockerBase: DockerBasePlan;
  apps: Record<AppName, AppImagePlan>;
  vm: VmPlan;
}

/**
 * An app's spec without what only deployments and measurements read (what its container needs at run time, the line
 * boot samples watch for), which must rebuild no image.
 */
function imageInputsOf(spec: AppSpec): Omit<AppSpec, "container" | "readyLogLine"> {
  const { container: _deploymentSettings, readyLogLine: _measurementSetting, ...imageInputs } = spec;
  return imageInputs;
}

function planApp(catalog: Catalog, app: AppName, base: DockerBasePlan): AppImagePlan {
  const spec = catalog.apps[app];
  const dockerfile = appDockerfile(spec, base.tag);
  const files = spec.files.map((file) => ({ source: file.source, content: catalog.fileContent(file), mode: file.mode }));
  const packages = [...spec.debianPackages, ...benchmarkPackages];
  const key = keyOf({
    base: base.key,
    spec: imageInputsOf(spec),
    packages,
    dockerfile,
    files: files.map((file) => ({ ...file, content: sha256(file.content) })),
    installDebsScript,
  });
  return { app, key, tag: `${imageRepository}/${app}:${shortKey(key)}`, packages, dockerfile, files };
}

export function planImages(catalog: Catalog = labCatalog): ImagePlan {
  const debootstrapArgs = ["--variant=minbase", "--arch=amd64", debianSuite];
  const rootfsKey = keyOf({ debootstrapArgs });
  const baseKey = keyOf({ rootfs: rootfsKey, baseTreeRecipe });
  const dockerBase = { key: baseKey, tag: `${imageRepository}/base:${shortKey(baseKey)}` };
  const appPlans = Object.fromEntries(appNames.map((app) => [app, planApp(catalog, app, dockerBase)])) as Record<AppName, AppImagePlan>;
  const spec = vmSpec(catalog);
  const packages = [...new Set([...spec.systemPackages, ...appNames.flatMap((app) => appPlans[app].packages)])];
  const inputsHash = keyOf({
    rootfs: rootfsKey,
    base: baseKey,
    apps: Object.fromEntries(appNames.map((app) => [app, appPlans[app].key])),
    vm: { spec, packages, installDebsScript },
  });
  return {
    inputsHash,
    suite: debianSuite,
    rootfs: { key: rootfsKey, debootstrapArgs, dir: rootfsDir(rootfsKey) },
    dockerBase,
    apps: appPlans,
    vm: { key: inputsHash, packages, spec },
  };
}
