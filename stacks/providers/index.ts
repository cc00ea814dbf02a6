/** The lab's home-made Pulumi dynamic providers, one namespace per engine (both docker and libvirt have a Network). */
export * as command from "./command";
export * as docker from "./docker";
export * as libvirt from "./libvirt";
