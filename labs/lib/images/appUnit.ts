import type { AppSpec } from "../../../model/catalog/apps";
import { systemdQuote } from "./quoting";

/** Runs the catalog command as the catalog user with the catalog environment; installed but only enabled by the seed. */
export function appUnit(spec: AppSpec): string {
  const environment = Object.entries(spec.environment).map(([name, value]) => systemdQuote(`${name}=${value}`));
  return [
    "[Unit]",
    `Description=vm-container-lab ${spec.name} app: ${spec.description}`,
    "After=network.target lab-seed.service",
    "",
    "[Service]",
    `ExecStart=${spec.command.map(systemdQuote).join(" ")}`,
    `User=${spec.user}`,
    ...(environment.length > 0 ? [`Environment=${environment.join(" ")}`] : []),
    "Restart=on-failure",
    "RestartSec=1",
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ].join("\n");
}

/** Unit files a package ships, from its `dpkg-query -L` listing; the VM disables them so only lab-<app> runs the app. */
export function packageUnitFiles(dpkgListing: string): string[] {
  const units = dpkgListing
    .split("\n")
    .map((line) => /^\/(?:usr\/)?lib\/systemd\/system\/([^/@]+\.(?:service|socket|timer))$/.exec(line.trim())?.[1])
    .filter((unit): unit is string => unit !== undefined);
  return [...new Set(units)].sort();
}
