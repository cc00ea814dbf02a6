import * as fs from "node:fs";
import * as path from "node:path";
import { packagesThatReachOut, packageVersion, parseManifest } from "../../../labs/lib/images/manifest";

const recorded = fs.readFileSync(path.join(__dirname, "..", "..", "fixtures", "images", "manifest-api.txt"), "utf8");

describe("package manifests (dpkg-query -W output)", () => {
  it("reads every installed package of the recorded api image with its exact version", () => {
    const manifest = parseManifest(recorded);
    expect(manifest.size).toBe(101);
    expect(manifest.get("nodejs")).toBe("18.20.4+dfsg-1~deb12u2");
    expect(manifest.get("libc6:amd64")).toBe("2.36-9+deb12u14");
    expect(manifest.get("adduser")).toBe("3.134");
  });

  it("finds a package whether dpkg printed it with its architecture or not", () => {
    const manifest = parseManifest(recorded);
    expect(packageVersion(manifest, "libc6")).toBe("2.36-9+deb12u14");
    expect(packageVersion(manifest, "nodejs")).toBe("18.20.4+dfsg-1~deb12u2");
    expect(packageVersion(manifest, "libc")).toBeUndefined();
    expect(packageVersion(manifest, "redis-server")).toBeUndefined();
  });

  it("leaves out packages dpkg knows but has not installed (no version)", () => {
    expect([...parseManifest("a\t1.0\nremoved\t\nb:amd64\t2:3-4\n\n")]).toEqual([
      ["a", "1.0"],
      ["b:amd64", "2:3-4"],
    ]);
  });

  it("names the installed packages that would reach out of the host", () => {
    expect(packagesThatReachOut(parseManifest(recorded))).toEqual([]);
    expect(packagesThatReachOut(parseManifest("systemd-timesyncd\t252.38-1~deb12u1\nunattended-upgrades\t2.9.1+nmu3\n"))).toEqual(["systemd-timesyncd", "unattended-upgrades"]);
  });
});
