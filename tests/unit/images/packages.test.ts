import * as fs from "node:fs";
import * as path from "node:path";
import { debFileName, installDebsScript, parseAptSimulation } from "../../../labs/lib/images/packages";

const simulation = fs.readFileSync(path.join(__dirname, "..", "..", "fixtures", "images", "apt-simulate-redis-server.txt"), "utf8");

describe("resolving packages with apt", () => {
  it("reads what `apt-get install -s redis-server` would install, in order", () => {
    expect(parseAptSimulation(simulation)).toEqual([
      { name: "libatomic1", version: "12.2.0-14+deb12u1", architecture: "amd64" },
      { name: "libjemalloc2", version: "5.3.0-1", architecture: "amd64" },
      { name: "liblzf1", version: "3.6-3", architecture: "amd64" },
      { name: "libssl3", version: "3.0.20-1~deb12u2", architecture: "amd64" },
      { name: "redis-tools", version: "5:7.0.15-1~deb12u7", architecture: "amd64" },
      { name: "redis-server", version: "5:7.0.15-1~deb12u7", architecture: "amd64" },
    ]);
  });

  it("reads upgrades (old version in brackets) and architecture-independent packages", () => {
    expect(parseAptSimulation("Inst libssl3 [3.0.15-1~deb12u1] (3.0.20-1~deb12u2 Debian:12.15/oldstable [amd64])\nInst nginx-light (1.22.1-9+deb12u9 Debian:12.15/oldstable [all]) []\n")).toEqual([
      { name: "libssl3", version: "3.0.20-1~deb12u2", architecture: "amd64" },
      { name: "nginx-light", version: "1.22.1-9+deb12u9", architecture: "all" },
    ]);
  });

  it("names .deb files as apt downloads them, with the epoch's colon escaped", () => {
    expect(debFileName({ name: "redis-server", version: "5:7.0.15-1~deb12u7", architecture: "amd64" })).toBe("redis-server_5%3a7.0.15-1~deb12u7_amd64.deb");
    expect(debFileName({ name: "nginx-light", version: "1.22.1-9+deb12u9", architecture: "all" })).toBe("nginx-light_1.22.1-9+deb12u9_all.deb");
  });

  it("installs from the mounted packages with services held back, then trims apt's lists and caches", () => {
    const lines = installDebsScript.split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "set -eu",
      "export DEBIAN_FRONTEND=noninteractive",
      "printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d",
      "chmod 755 /usr/sbin/policy-rc.d",
      "apt-get install -y --no-install-recommends /tmp/lab-build/debs/*.deb",
      "rm /usr/sbin/policy-rc.d",
    ]);
    expect(installDebsScript).toContain("rm -rf /var/lib/apt/lists/* /var/cache/apt/*");
  });
});
