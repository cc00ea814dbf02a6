import * as os from "node:os";
import * as path from "node:path";
import { labLayout } from "../../model/labLayout";

/** The repository root: every lab path is derived from it so a checkout can live anywhere. */
export const repoRoot = path.resolve(__dirname, "..", "..");

export const labPaths = labLayout(repoRoot);

/** Where Pulumi looks by itself for its CLI, language hosts and plugins. */
export const pulumiHome = process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi");
export const pulumiBinDir = path.join(pulumiHome, "bin");
export const pulumiCli = path.join(pulumiBinDir, "pulumi");

/** Passphrase of the lab's stacks: they hold no real secrets, so a documented default keeps workshops simple. */
export const defaultPassphrase = "vm-container-lab";

/** The environment every Pulumi call of the lab runs with: local file backend, no downloads, no cloud login. */
export function pulumiEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    PATH: [pulumiBinDir, base.PATH ?? ""].join(path.delimiter),
    PULUMI_HOME: pulumiHome,
    PULUMI_BACKEND_URL: base.PULUMI_BACKEND_URL ?? `file://${labPaths.pulumiBackend}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
  };
  if (!base.PULUMI_CONFIG_PASSPHRASE && !base.PULUMI_CONFIG_PASSPHRASE_FILE) {
    env.PULUMI_CONFIG_PASSPHRASE = defaultPassphrase;
  }
  return env;
}
