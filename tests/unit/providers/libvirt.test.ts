import {
  checkNetworkInputs,
  checkPoolInputs,
  diffNetwork,
  diffPool,
  directoriesToRemove,
  escapeXml,
  isIpv4Address,
  isVirshNotActive,
  isVirshNotFound,
  networkXml,
  parseVirshInfo,
  poolXml,
  virshArgs,
} from "../../../stacks/providers/libvirt";

const uri = "qemu:///system";

describe("virsh helpers", () => {
  it("always name the connection", () => {
    expect(virshArgs(uri, ["net-start", "lab"])).toEqual(["-c", "qemu:///system", "net-start", "lab"]);
  });

  it("escape the five XML special characters", () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e&apos;f");
  });

  it("parse net-info output", () => {
    const text = "Name:           default\nUUID:           4b5b60ad-4f1b-448d-a942-7c4c49643b50\nActive:         no\nPersistent:     yes\nAutostart:      no\nBridge:         virbr0\n\n";
    expect(parseVirshInfo(text)).toEqual({ Name: "default", UUID: "4b5b60ad-4f1b-448d-a942-7c4c49643b50", Active: "no", Persistent: "yes", Autostart: "no", Bridge: "virbr0" });
  });

  it("recognize libvirt's 'does not exist' and 'already stopped' answers", () => {
    expect(isVirshNotFound("error: failed to get network 'lab'\nerror: Network not found: no network with matching name 'lab'")).toBe(true);
    expect(isVirshNotFound("error: failed to get pool 'lab'\nerror: Storage pool not found: no storage pool with matching name 'lab'")).toBe(true);
    expect(isVirshNotFound("error: failed to connect to the hypervisor")).toBe(false);
    expect(isVirshNotActive("error: Failed to destroy network lab\nerror: Requested operation is not valid: network 'lab' is not active")).toBe(true);
    expect(isVirshNotActive("error: Failed to destroy network lab\nerror: internal error")).toBe(false);
  });

  it("know dotted IPv4 addresses", () => {
    expect(["10.0.0.1", "256.1.1.1", "10.0.0", "::1"].map(isIpv4Address)).toEqual([true, false, false, false]);
  });
});

describe("libvirt network", () => {
  it("is a bare bridge with DNS off and no <forward> by default", () => {
    const { inputs, failures } = checkNetworkInputs({ uri, name: "lab-net", bridge: "labbr0" });
    expect(failures).toEqual([]);
    expect(networkXml(inputs)).toBe(`<network>
  <name>lab-net</name>
  <bridge name="labbr0" stp="on" delay="0"/>
  <dns enable="no"/>
</network>
`);
  });

  it("gives the host an address, with DHCP and DNS when asked, and still no <forward>", () => {
    const { inputs, failures } = checkNetworkInputs({ uri, name: "lab-net", bridge: "labbr0", address: "10.213.78.1", prefix: 24, dhcp: { start: "10.213.78.10", end: "10.213.78.50" }, dns: true });
    expect(failures).toEqual([]);
    const xml = networkXml(inputs);
    expect(xml).toBe(`<network>
  <name>lab-net</name>
  <bridge name="labbr0" stp="on" delay="0"/>
  <ip address="10.213.78.1" prefix="24">
    <dhcp>
      <range start="10.213.78.10" end="10.213.78.50"/>
    </dhcp>
  </ip>
</network>
`);
    expect(xml).not.toContain("<forward");
  });

  it("writes a netmask when given one", () => {
    const { inputs } = checkNetworkInputs({ uri, name: "lab-net", bridge: "labbr0", address: "10.213.78.1", netmask: "255.255.255.0" });
    expect(networkXml(inputs)).toContain(`  <ip address="10.213.78.1" netmask="255.255.255.0">\n  </ip>\n`);
  });

  it("escapes what it writes", () => {
    expect(networkXml({ uri, name: `a<b&"c'`, bridge: "br", dns: true })).toContain("<name>a&lt;b&amp;&quot;c&apos;</name>");
  });

  it("rejects what would not make a host-only network", () => {
    const failures = (inputs: Parameters<typeof checkNetworkInputs>[0]) => checkNetworkInputs(inputs).failures.map((failure) => `${failure.property}: ${failure.reason}`);
    expect(failures({ uri, name: "n", bridge: "a-bridge-name-too-long" })).toEqual(["bridge: must be a device name of 1 to 15 letters, digits, '_', '.' or '-'"]);
    expect(failures({ uri, name: "n", bridge: "br", address: "10.0.0.1" })).toEqual(["prefix: give the prefix (or netmask) of address"]);
    expect(failures({ uri, name: "n", bridge: "br", address: "10.0.0.1", prefix: 24, netmask: "255.255.255.0" })).toEqual(["prefix: give either netmask or prefix, not both"]);
    expect(failures({ uri, name: "n", bridge: "br", dhcp: { start: "10.0.0.2", end: "x" } })).toEqual([
      "dhcp: needs address: the DHCP server answers on the host's address on the bridge",
      "dhcp.end: must be an IPv4 address",
    ]);
    expect(failures({ uri: "", name: "n/1", bridge: "br", prefix: 33 })).toEqual(["uri: must be a libvirt connection URI such as qemu:///system", "name: must start with a letter or digit and contain only letters, digits, '_', '.', '+' and '-'", "prefix: must be a prefix length from 1 to 32"]);
  });

  it("sees no change on a second run and replaces, old one first, on any change", () => {
    const { inputs } = checkNetworkInputs({ uri, name: "lab-net", bridge: "labbr0" });
    const olds = { ...inputs, networkUuid: "u", __provider: "code" };
    expect(diffNetwork(olds, { ...checkNetworkInputs({ bridge: "labbr0", name: "lab-net", uri }).inputs, __provider: "code" } as typeof inputs).changes).toBe(false);
    expect(diffNetwork(olds, { ...inputs, bridge: "labbr1" })).toEqual({ changes: true, replaces: ["bridge"], stables: [], deleteBeforeReplace: true });
  });
});

describe("libvirt pool", () => {
  it("is a directory pool", () => {
    expect(poolXml({ uri, name: "lab-pool", path: "/var/lib/lab/pool" })).toBe(`<pool type="dir">
  <name>lab-pool</name>
  <target>
    <path>/var/lib/lab/pool</path>
  </target>
</pool>
`);
  });

  it("needs a normalized absolute path", () => {
    expect(checkPoolInputs({ uri, name: "p", path: "pools/p" }).failures.map((failure) => failure.property)).toEqual(["path"]);
    expect(checkPoolInputs({ uri, name: "p", path: "/var/lib/../p" }).failures.map((failure) => failure.property)).toEqual(["path"]);
    expect(checkPoolInputs({ uri, name: "p", path: "/" }).failures.map((failure) => failure.property)).toEqual(["path"]);
    expect(checkPoolInputs({ uri, name: "p", path: "/var/lib/p" }).failures).toEqual([]);
  });

  it("removes only the directories the provider made, deepest first", () => {
    expect(directoriesToRemove("/srv/lab/pools/a", "")).toEqual([]);
    expect(directoriesToRemove("/srv/lab/pools/a", "/srv/lab/pools/a")).toEqual(["/srv/lab/pools/a"]);
    expect(directoriesToRemove("/srv/lab/pools/a", "/srv/lab")).toEqual(["/srv/lab/pools/a", "/srv/lab/pools", "/srv/lab"]);
    expect(directoriesToRemove("/srv/lab/pools/a", "/srv/other")).toEqual([]);
    expect(directoriesToRemove("/srv/lab/pools/a", "/srv/la")).toEqual([]);
  });

  it("keeps its uuid and made directory on an in-place update and replaces on any input change", () => {
    const olds = { uri, name: "p", path: "/srv/p", poolUuid: "u", createdDirectory: "/srv/p", __provider: "code" };
    expect(diffPool(olds, { uri, name: "p", path: "/srv/p", __provider: "new code" } as PoolInputsWithProvider)).toEqual({ changes: true, replaces: [], stables: ["poolUuid", "createdDirectory"], deleteBeforeReplace: false });
    expect(diffPool(olds, { uri, name: "p", path: "/srv/q" }).replaces).toEqual(["path"]);
  });
});

type PoolInputsWithProvider = Parameters<typeof diffPool>[1];
