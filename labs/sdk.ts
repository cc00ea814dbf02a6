import { libvirtPlugin } from "./lib/toolchain";
import { exitWithError } from "./lib/labError";
import { generateLibvirtSdk, libvirtSdkDir } from "./lib/libvirtSdk";

/** `npm run sdk`: regenerates the committed @pulumi/libvirt package (sdks/libvirt) from the installed plugin's schema. */
generateLibvirtSdk(libvirtPlugin.version, libvirtSdkDir, console.log)
  .then(() => console.log(`sdk: wrote ${libvirtSdkDir}; commit it with the plugin change that caused it`))
  .catch(exitWithError);
