import * as fs from "node:fs";
import * as path from "node:path";
import { containerCopySettings, containerTemplate, copyRunArgs } from "../../../labs/lib/density/containerCopies";
import { copyDomainXml, type VmCopyFiles } from "../../../labs/lib/density/vmCopies";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "..", "..", "fixtures", "density", name), "utf8");

describe("container copies", () => {
  // `docker container inspect vmcl-docker-db` of the tuned docker stack.
  const template = containerTemplate(fixture("docker-inspect-db.json"));

  it("take the stack's db image, memory limit and confinement from docker inspect", () => {
    expect(template).toEqual({
      imageId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      imageTag: expect.stringMatching(/^vm-container-lab\/db:/),
      memoryBytes: 128 * 1024 * 1024,
      memorySwapBytes: 128 * 1024 * 1024,
      capDrop: ["ALL"],
      capAdd: [],
      securityOpts: ["no-new-privileges:true"],
      readOnlyRootFs: true,
      tmpfs: {},
      pidsLimit: 32,
      volumeDestinations: ["/var/lib/redis"],
    });
  });

  it("run with those settings, their own name, address, labels and anonymous data volume, never restarted", () => {
    const args = copyRunArgs({ ...template, capAdd: ["CAP_SETUID"], tmpfs: { "/run": "rw,size=1m" } }, { name: "vmcl-docker-density-2", network: "vmcl-docker-density-net", address: "10.76.0.21", labels: { "vm-container-lab.stack": "docker" } });
    expect(args.slice(0, 11)).toEqual(["--detach", "--name", "vmcl-docker-density-2", "--network", "vmcl-docker-density-net", "--ip", "10.76.0.21", "--restart", "no", "--label", "vm-container-lab.stack=docker"]);
    expect(args.slice(11, -1).join(" ")).toBe(
      "--memory 134217728b --memory-swap 134217728b --cap-drop ALL --cap-add CAP_SETUID --security-opt no-new-privileges:true --read-only --tmpfs /run:rw,size=1m --pids-limit 32 --mount type=volume,destination=/var/lib/redis",
    );
    expect(args[args.length - 1]).toBe(template.imageId);
  });

  it("say in the results what they share with the stack's db and what is their own", () => {
    const settings = containerCopySettings(template, "vmcl-docker-db", "vmcl-docker-density-net");
    expect(settings).toContain("memory limit 128.0 MiB (swap limit 128.0 MiB), cap-drop ALL, no-new-privileges:true, read-only root, pids limit 32, read from vmcl-docker-db");
    expect(settings).toContain("an address on vmcl-docker-density-net (10.76.0.0/24, internal, no masquerade)");
  });

  it("refuse an inspect output that is not one container", () => {
    expect(() => containerTemplate("[]")).toThrow("docker container inspect: not the one container expected");
  });
});

describe("VM copies", () => {
  // `virsh dumpxml --inactive vmcl-libvirt-db` of the tuned libvirt stack.
  const stackXml = fixture("libvirt-db-inactive.xml");
  const files: VmCopyFiles = {
    name: "vmcl-libvirt-density-1",
    mac: "52:54:00:ab:cd:01",
    diskPath: "/lab/density/vmcl-libvirt-density-1.qcow2",
    seedPath: "/lab/density/vmcl-libvirt-density-1-seed.iso",
    consoleLogPath: "/lab/density/vmcl-libvirt-density-1.log",
  };
  const xml = copyDomainXml(stackXml, files);

  it("are the stack domain under another name, without its UUID, with their own disks, MAC and console", () => {
    expect(xml).toContain("<name>vmcl-libvirt-density-1</name>");
    expect(xml).not.toContain("<uuid>");
    expect(xml).not.toContain("volume=");
    expect(xml.match(/<disk type='file' device='disk'>\s*<driver name='qemu' type='qcow2'\/>\s*<source file='\/lab\/density\/vmcl-libvirt-density-1.qcow2'\/>\s*<target dev='vda'/)).not.toBeNull();
    expect(xml.match(/<driver name='qemu' type='raw'\/>\s*<source file='\/lab\/density\/vmcl-libvirt-density-1-seed.iso'\/>\s*<target dev='vdb'/)).not.toBeNull();
    expect(xml).toContain("<mac address='52:54:00:ab:cd:01'/>");
    expect(xml.match(/<source path='\/lab\/density\/vmcl-libvirt-density-1.log'\/>/g)).toHaveLength(2);
  });

  it("keep everything else of the stack's domain: accelerator, RAM, kernel, network and the stack's marker", () => {
    for (const kept of ["<domain type='qemu'>", "<memory unit='KiB'>262144</memory>", "<cmdline>", "<source network='vmcl-libvirt-net'/>", 'name="vm-container-lab.stack" value="libvirt"', "<tb-cache"]) {
      expect(xml).toContain(kept);
    }
  });

  it("refuse a domain with a disk or NIC a copy has nothing for", () => {
    const extraDisk = stackXml.replace("</devices>", "<disk type='file' device='disk'><source file='/x'/><target dev='vdc' bus='virtio'/></disk></devices>");
    expect(() => copyDomainXml(extraDisk, files)).toThrow("a disk vdc, for which a copy has no file");
    const twoNics = stackXml.replace("</devices>", "<interface type='network'><source network='other'/></interface></devices>");
    expect(() => copyDomainXml(twoNics, files)).toThrow("exactly one NIC");
  });
});
