import { echo } from "zx";
import { parseArguments } from "./lib/arguments";
import { exitWithError } from "./lib/labError";
import { generateLibvirtSdk, libvirtSdkDir } from "./lib/libvirtSdk";
import { libvirtPlugin } from "./lib/toolchain";

/** `npm run sdk`: regenerates the committed @pulumi/libvirt package (sdks/libvirt) from the installed plugin's schema. */
async function main(): Promise<void> {
  parseArguments("sdk");
  await generateLibvirtSdk(libvirtPlugin.version, libvirtSdkDir, echo);
  echo(`sdk: wrote ${libvirtSdkDir}; commit it with the plugin change that caused it`);
}

main().catch(exitWithError);
