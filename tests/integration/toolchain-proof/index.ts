import * as pulumi from "@pulumi/pulumi";
import { LocalCommand } from "../../../stacks/providers/command";
import * as docker from "../../../stacks/providers/docker";
import * as libvirt from "../../../stacks/providers/libvirt";

const config = new pulumi.Config();
const name = config.require("resourceName");
const markerFile = config.require("markerFile");

const network = new docker.Network("proof-network", { name, ipMasquerade: false, labels: { "vm-container-lab": "toolchain-proof" } });
const marker = new LocalCommand("proof-command", { create: `echo created > "${markerFile}" && echo proof`, delete: `rm -f "${markerFile}"` });
const isolatedNetwork = new libvirt.Network("proof-libvirt-network", { uri: config.require("libvirtUri"), name, bridge: config.require("bridge") });

export const dockerNetworkId = network.networkId;
export const commandStdout = marker.stdout;
export const libvirtNetworkName = isolatedNetwork.name;
