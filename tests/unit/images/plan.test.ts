import { apps, type AppFile, type AppName, type AppSpec } from "../../../model/catalog/apps";
import { labCatalog, type Catalog } from "../../../labs/lib/images/catalog";
import { planImages } from "../../../labs/lib/images/plan";

/** The lab's catalog with one app's spec edited and/or one file's content replaced. */
function editedCatalog(edit: { app?: AppName; spec?: Partial<AppSpec>; source?: string; content?: string }): Catalog {
  const edited = { ...apps };
  if (edit.app && edit.spec) edited[edit.app] = { ...apps[edit.app], ...edit.spec };
  return {
    apps: edited,
    fileContent: (file: AppFile) => (file.source === edit.source ? (edit.content ?? "") : labCatalog.fileContent(file)),
  };
}

function keys(catalog: Catalog = labCatalog) {
  const plan = planImages(catalog);
  return { rootfs: plan.rootfs.key, base: plan.dockerBase.key, web: plan.apps.web.key, api: plan.apps.api.key, db: plan.apps.db.key, vm: plan.vm.key, inputs: plan.inputsHash };
}

describe("the image plan's cache keys", () => {
  const current = keys();

  it("are stable for unchanged inputs, and the VM is keyed by every input", () => {
    expect(keys()).toEqual(current);
    expect(current.vm).toBe(current.inputs);
    expect(new Set(Object.values(current)).size).toBe(6);
  });

  it("rebuild only the changed app's image and the VM when one app file changes", () => {
    const changed = keys(editedCatalog({ source: "api-server.js", content: "// changed\n" }));
    expect(changed).toEqual({ ...current, api: changed.api, vm: changed.vm, inputs: changed.inputs });
    expect(changed.api).not.toBe(current.api);
    expect(changed.inputs).not.toBe(current.inputs);
  });

  it("rebuild an app's image and the VM when its packages, command or environment change, never the base", () => {
    for (const spec of [{ debianPackages: ["redis-server", "redis-tools"] }, { command: ["/usr/bin/redis-server", "--port", "6380"] }, { environment: { A: "1" } }]) {
      const changed = keys(editedCatalog({ app: "db", spec }));
      expect(changed).toEqual({ ...current, db: changed.db, vm: changed.vm, inputs: changed.inputs });
      expect(changed.db).not.toBe(current.db);
      expect(changed.vm).not.toBe(current.vm);
    }
  });

  it("rebuild nothing when only what a container needs at run time changes", () => {
    const container = { capabilities: ["CAP_NET_BIND_SERVICE"], scratchDirs: { "/tmp": 4 }, maxTasks: 8 };
    expect(keys(editedCatalog({ app: "web", spec: { container } }))).toEqual(current);
  });

  it("tags each image with the first 12 characters of its own key and builds from one suite", () => {
    const plan = planImages();
    expect(plan.suite).toBe("bookworm");
    expect(plan.rootfs.debootstrapArgs).toEqual(["--variant=minbase", "--arch=amd64", "bookworm"]);
    expect(plan.dockerBase.tag).toBe(`vm-container-lab/base:${plan.dockerBase.key.slice(0, 12)}`);
    expect(plan.apps.api.tag).toBe(`vm-container-lab/api:${plan.apps.api.key.slice(0, 12)}`);
    expect(plan.apps.web.dockerfile.startsWith(`FROM ${plan.dockerBase.tag}\n`)).toBe(true);
    expect(plan.vm.packages).toEqual(["linux-image-cloud-amd64", "systemd-sysv", "udev", "kmod", "iproute2", "qemu-guest-agent", "redis-server", "sysbench", "nodejs", "nginx"]);
  });
});
