import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { appNames, apps, type AppName } from "../../model/catalog/apps";
import { $, retry, tmpdir } from "zx";
import type { BuiltImages } from "../../model/builtImages";
import { ensureImages, readBuiltImages } from "../../labs/lib/images";
import { buildSeedImage } from "../../stacks/seed/seedImage";
import { packagesThatReachOut, packageVersion, parseManifest, type PackageManifest } from "../../labs/lib/images/manifest";
import { waitUntilReady } from "../../labs/lib/readiness";

const quiet = () => undefined;
const testPrefix = "vmcl-images-test";
const manifestOf = (file: string): PackageManifest => parseManifest(fs.readFileSync(file, "utf8"));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function removeTestContainers(): Promise<void> {
  for (const app of appNames) await $({ nothrow: true, quiet: true })`docker rm --force ${`${testPrefix}-${app}`}`;
  await $({ nothrow: true, quiet: true })`docker network rm ${`${testPrefix}-net`}`;
}

async function publishedPort(container: string, port: number): Promise<number> {
  const mapping = (await $({ quiet: true })`docker port ${container} ${`${port}/tcp`}`).stdout.trim();
  return Number(mapping.slice(mapping.lastIndexOf(":") + 1));
}

/** The container's health once Docker has decided it (every 500 ms for timeoutMs), or its status then. */
async function waitForHealthy(container: string, timeoutMs: number): Promise<string> {
  const health = async () => (await $({ quiet: true })`docker inspect --format ${"{{.State.Health.Status}}"} ${container}`).stdout.trim();
  const decided = async () => {
    const status = await health();
    if (status !== "healthy" && status !== "unhealthy") throw new Error(`${container} is ${status}`);
    return status;
  };
  return retry(Math.ceil(timeoutMs / 500), 500, decided).catch(health);
}

function httpGet(port: number, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path: urlPath, agent: false }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
  });
}

describe("the lab's images", () => {
  jest.setTimeout(1_800_000);
  let images: BuiltImages;

  beforeAll(async () => {
    images = await ensureImages(quiet);
  });

  it("are recorded in images.json, and a second run reuses everything within 10 s", async () => {
    expect(readBuiltImages()).toEqual(images);
    const started = performance.now();
    const again = await ensureImages(quiet);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(again.timings.steps.map((step) => [step.step, step.reused])).toEqual([
      ["rootfs", true],
      ["docker-base", true],
      ["docker-db", true],
      ["docker-api", true],
      ["docker-web", true],
      ["vm", true],
    ]);
    expect(again.docker.apps.api.id).toBe(images.docker.apps.api.id);
  });

  it("hold the same app package versions in the container images and the VM image, and nothing that reaches out", () => {
    const vm = manifestOf(images.vm.manifestPath);
    const base = manifestOf(images.docker.base.manifestPath);
    for (const app of appNames) {
      const container = manifestOf(images.docker.apps[app].manifestPath);
      for (const pkg of apps[app].debianPackages) {
        expect(packageVersion(container, pkg)).toBeDefined();
        expect([app, pkg, packageVersion(container, pkg)]).toEqual([app, pkg, packageVersion(vm, pkg)]);
      }
      const otherAppPackages = appNames.filter((other) => other !== app).flatMap((other) => apps[other].debianPackages);
      expect(otherAppPackages.filter((pkg) => packageVersion(container, pkg) !== undefined)).toEqual([]);
      expect([...base].filter(([name, version]) => container.get(name) !== version)).toEqual([]);
      expect(packagesThatReachOut(container)).toEqual([]);
    }
    expect(packagesThatReachOut(vm)).toEqual([]);
    expect(packageVersion(vm, "systemd-sysv")).toBeDefined();
  });

  it("run each app as a container that passes its ready check and its HEALTHCHECK, web → api → db by name", async () => {
    const ports = {} as Record<AppName, number>;
    try {
      await removeTestContainers();
      await $({ quiet: true })`docker network create --opt com.docker.network.bridge.enable_ip_masquerade=false ${`${testPrefix}-net`}`;
      for (const app of ["db", "api", "web"] as const) {
        const name = `${testPrefix}-${app}`;
        const started = performance.now();
        await $({ quiet: true })`docker run --detach --name ${name} --network ${`${testPrefix}-net`} --network-alias ${app} --publish ${`127.0.0.1::${apps[app].port}`} ${images.docker.apps[app].tag}`;
        ports[app] = await publishedPort(name, apps[app].port);
        const readyMs = await waitUntilReady(apps[app].ready, { host: "127.0.0.1", port: ports[app] }, { timeoutMs: 60_000, intervalMs: 20 });
        expect([app, readyMs !== undefined]).toEqual([app, true]);
        console.log(`container ${app}: ready ${((performance.now() - started) / 1000).toFixed(2)} s after docker run`);
      }
      for (const app of appNames) expect([app, await waitForHealthy(`${testPrefix}-${app}`, 60_000)]).toEqual([app, "healthy"]);
      const visits = await httpGet(ports.web, "/api/visits");
      expect(visits.status).toBe(200);
      expect(JSON.parse(visits.body)).toMatchObject({ visits: 1 });
    } finally {
      await removeTestContainers();
    }
  });

  it("boot as a VM under QEMU (TCG) with an api seed to the api app's /healthz, leaving the golden disk untouched", async () => {
    const work = tmpdir();
    const golden = fs.statSync(images.vm.goldenPath);
    let qemu: ChildProcess | undefined;
    try {
      const overlay = path.join(work, "overlay.qcow2");
      const seed = path.join(work, "seed.iso");
      const serialLog = path.join(work, "serial.log");
      await $({ quiet: true })`qemu-img create -q -f qcow2 -b ${images.vm.goldenPath} -F qcow2 ${overlay}`;
      // QEMU user-mode networking puts the guest at 10.0.2.15/24.
      await buildSeedImage({ app: "api", hostname: "api", address: "10.0.2.15/24", hosts: { api: "10.0.2.15", db: "10.0.2.16", web: "10.0.2.17" }, outputPath: seed });
      const port = await freePort();
      const started = performance.now();
      qemu = spawn("qemu-system-x86_64", [
        "-accel", "tcg,tb-size=256",
        "-m", "512",
        "-smp", "1",
        "-nographic",
        "-nodefaults",
        "-serial", `file:${serialLog}`,
        "-kernel", images.vm.kernelPath,
        "-initrd", images.vm.initrdPath,
        "-append", images.vm.kernelCmdline,
        "-drive", `file=${overlay},if=virtio,format=qcow2`,
        "-drive", `file=${seed},if=virtio,format=raw,readonly=on`,
        // restrict=on: the guest cannot reach the host or beyond; only the forward to 127.0.0.1 exists.
        "-netdev", `user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:${port}-:3000`,
        "-device", "virtio-net-pci,netdev=n0",
      ], { stdio: "ignore" });
      const readyMs = await waitUntilReady(apps.api.ready, { host: "127.0.0.1", port }, { timeoutMs: 300_000, intervalMs: 250 });
      const serial = fs.readFileSync(serialLog, "utf8");
      expect({ ready: readyMs !== undefined, serialTail: readyMs === undefined ? serial.slice(-3000) : "" }).toEqual({ ready: true, serialTail: "" });
      console.log(`vm api (TCG): /healthz answered ${((performance.now() - started) / 1000).toFixed(1)} s after qemu started`);
      expect(serial).toMatch(/Finished .*lab-seed\.service/);
      expect(serial).toMatch(/Started .*lab-api\.service/);
      expect(serial).not.toMatch(/Started .*(lab-web|lab-db|nginx|redis-server)\.service/);
      expect(serial).not.toMatch(/FAILED/);
    } finally {
      if (qemu?.pid !== undefined && qemu.exitCode === null) {
        const exited = new Promise((resolve) => qemu?.once("exit", resolve));
        process.kill(qemu.pid, "SIGKILL");
        await exited;
      }
      fs.rmSync(work, { recursive: true, force: true });
    }
    const after = fs.statSync(images.vm.goldenPath);
    expect([after.size, after.mtimeMs]).toEqual([golden.size, golden.mtimeMs]);
  });
});
