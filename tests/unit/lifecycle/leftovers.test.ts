import { markedDockerNames, objectsUnknownToState, parseDeviceListing, stackInDomainMetadata, type MarkedObject } from "../../../labs/lib/leftovers";
import { libvirtEngineNames, tapMacAddress } from "../../../model/engineNames";

describe("finding a stack's objects by its marker", () => {
  it("takes Docker objects labelled with the stack or named as its own, and nothing else", () => {
    const listing = ["vmcl-docker-db\tdocker", "vmcl-docker-api\t", "someone-else\t", "labelled-copy\tdocker", "other-stack\tlibvirt", ""].join("\n");
    expect(markedDockerNames(listing, "docker", ["vmcl-docker-db", "vmcl-docker-api", "vmcl-docker-web"])).toEqual(["vmcl-docker-db", "vmcl-docker-api", "labelled-copy"]);
  });

  it("reads the stack from a domain's lab metadata", () => {
    const metadata = '<vmcl:labels xmlns:vmcl="urn:vm-container-lab:metadata"><vmcl:label name="vm-container-lab" value="true"/><vmcl:label name="vm-container-lab.stack" value="libvirt"/></vmcl:labels>';
    expect(stackInDomainMetadata(metadata)).toBe("libvirt");
    expect(stackInDomainMetadata("")).toBeUndefined();
  });

  it("reads a lab host's network devices and their MACs", () => {
    expect(parseDeviceListing("lo 00:00:00:00:00:00\nvnet3 fe:54:00:12:34:56\nodd\n")).toEqual([
      { name: "lo", mac: "00:00:00:00:00:00" },
      { name: "vnet3", mac: "fe:54:00:12:34:56" },
      { name: "odd", mac: "" },
    ]);
  });

  it("derives each VM's host tap MAC from its guest MAC, as libvirt does", () => {
    const names = libvirtEngineNames("vmcl-libvirt");
    expect(names.macs.db).toMatch(/^52:54:00:/);
    expect(tapMacAddress(names.macs.db)).toBe(`fe${names.macs.db.slice(2)}`);
    expect(names).toMatchObject({ network: "vmcl-libvirt-net", pool: "vmcl-libvirt-pool", bridge: "vmcl-libvirt-br", domains: { db: "vmcl-libvirt-db" } });
  });
});

describe("what the state does not know", () => {
  const onHost: MarkedObject[] = [
    { kind: "domain", name: "vmcl-libvirt-db" },
    { kind: "domain", name: "vmcl-libvirt-api" },
    { kind: "libvirt volume", name: "vmcl-libvirt-api.qcow2" },
    { kind: "pool", name: "vmcl-libvirt-pool" },
    { kind: "libvirt network", name: "vmcl-libvirt-net" },
    { kind: "tap", name: "vnet3" },
    { kind: "bridge", name: "vmcl-libvirt-br" },
    { kind: "files", name: "/lab/.lab/libvirt/vmcl-libvirt" },
  ];

  it("counts the stack's folder on a lab host as the local one: known while the state holds anything", () => {
    const remoteFolder: MarkedObject = { kind: "lab host files", name: "/var/tmp/vm-container-lab-lab/libvirt/vmcl-libvirt" };
    expect(objectsUnknownToState([remoteFolder], [{ type: "libvirt:index/pool:Pool", custom: true }])).toEqual([]);
    expect(objectsUnknownToState([remoteFolder], [])).toEqual([remoteFolder]);
  });

  it("is everything when the state is empty", () => {
    expect(objectsUnknownToState(onHost, [{ type: "pulumi:pulumi:Stack" }, { type: "pulumi:providers:libvirt", custom: true }])).toEqual(onHost);
  });

  it("is what a killed create left: a domain and volume the state never recorded", () => {
    const state = [
      { type: "libvirt:index/pool:Pool", custom: true, outputs: { name: "vmcl-libvirt-pool" } },
      { type: "libvirt:index/network:Network", custom: true, outputs: { name: "vmcl-libvirt-net" } },
      { type: "libvirt:index/domain:Domain", custom: true, outputs: { name: "vmcl-libvirt-db" } },
      { type: "command:local:Command", custom: true, outputs: { stdout: "/lab/seed.iso" } },
    ];
    expect(objectsUnknownToState(onHost, state)).toEqual([
      { kind: "domain", name: "vmcl-libvirt-api" },
      { kind: "libvirt volume", name: "vmcl-libvirt-api.qcow2" },
    ]);
  });

  it("counts taps and the bridge as leftovers once no domain or network is in the state", () => {
    const state = [{ type: "libvirt:index/pool:Pool", custom: true, outputs: { name: "vmcl-libvirt-pool" } }];
    expect(objectsUnknownToState(onHost, state).map((object) => object.kind)).toEqual(["domain", "domain", "libvirt volume", "libvirt network", "tap", "bridge"]);
  });

  it("keeps the stack's folder while the state holds only the seed commands that write into it", () => {
    const seedsOnly = [{ type: "vm-container-lab:platform:LibvirtApps" }, { type: "command:local:Command", custom: true, outputs: { stdout: "/lab/seed.iso" } }];
    expect(objectsUnknownToState(onHost, seedsOnly).map((object) => object.kind)).not.toContain("files");
    expect(objectsUnknownToState(onHost, [{ type: "vm-container-lab:platform:LibvirtApps" }]).map((object) => object.kind)).toContain("files");
  });

});
