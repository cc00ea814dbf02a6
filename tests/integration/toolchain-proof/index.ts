import * as command from "@pulumi/command";
import * as docker from "@pulumi/docker";
import * as libvirt from "@pulumi/libvirt";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const name = config.require("resourceName");
const markerFile = config.require("markerFile");

const engine = new docker.Provider("proof-engine", { host: config.require("dockerHost") });
const network = new docker.Network("proof-network", {
  name,
  options: { "com.docker.network.bridge.enable_ip_masquerade": "false" },
  labels: [{ label: "vm-container-lab", value: "toolchain-proof" }],
}, { provider: engine });
const marker = new command.local.Command("proof-command", { create: `echo created > "${markerFile}" && echo proof`, delete: `rm -f "${markerFile}"` });
const hypervisor = new libvirt.Provider("proof-hypervisor", { uri: config.require("libvirtUri") });
const isolatedNetwork = new libvirt.Network("proof-libvirt-network", { name, mode: "none", bridge: config.require("bridge"), autostart: false }, { provider: hypervisor });

export const dockerNetworkId = network.id;
export const commandStdout = marker.stdout;
export const libvirtNetworkName = isolatedNetwork.name;
