import * as pulumi from "@pulumi/pulumi";

const platforms = ["docker", "libvirt"] as const;
type Platform = (typeof platforms)[number];

const config = new pulumi.Config();
const platform = config.require("platform") as Platform;
if (!platforms.includes(platform)) {
  throw new Error(`vm-container-lab:platform is "${platform}"; allowed values: ${platforms.join(", ")}.`);
}

export const deployedPlatform = platform;
