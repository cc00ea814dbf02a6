import * as pulumi from "@pulumi/pulumi";
import { readBuiltImages } from "../labs/lib/images";
import { appNames, type AppName } from "./catalog/apps";
import { DockerApps } from "./components/dockerApps";
import type { AppInstance, ExecutionMode } from "./deployment";
import { parseLabConfig, type DockerConfig, type LabConfig } from "./labConfig";

const config = new pulumi.Config();
const labConfig = parseLabConfig({ get: (key) => config.get(key), getObject: (key) => config.getObject(key) });
const labels = { "vm-container-lab": "true", "vm-container-lab.stack": pulumi.getStack() };

interface Deployed {
  executionMode: ExecutionMode;
  instances: pulumi.Output<AppInstance[]>;
  webUrl: string;
}

function deployContainers(settings: DockerConfig): Deployed {
  const images = readBuiltImages();
  const imageOf = Object.fromEntries(appNames.map((app) => [app, images.docker.apps[app].tag])) as Record<AppName, string>;
  const deployment = new DockerApps("apps", {
    namePrefix: settings.namePrefix,
    images: imageOf,
    hostPorts: settings.hostPorts,
    memoryMiB: settings.memoryMiB,
    restartPolicy: settings.restartPolicy,
    dockerHost: settings.dockerHost,
    labels,
  });
  return { executionMode: "native", instances: deployment.instances, webUrl: `http://127.0.0.1:${settings.hostPorts.web}/` };
}

function deploy(settings: LabConfig): Deployed {
  switch (settings.platform) {
    case "docker":
      return deployContainers(settings);
    case "libvirt":
      throw new Error("The libvirt stack is not built yet: deploy the docker stack (`npm run up -- docker`).");
  }
}

const deployed = deploy(labConfig);

export const platform = labConfig.platform;
export const executionMode = deployed.executionMode;
export const instances = deployed.instances;
export const webUrl = deployed.webUrl;
