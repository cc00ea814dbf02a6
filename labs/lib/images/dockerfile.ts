import type { AppSpec, ReadyCheck } from "../../../model/catalog/apps";
import { packageBuildDir } from "./packages";
import { dockerfileQuote, shellQuote } from "./quoting";

/** Folder of the build context holding the catalog files, named by their source names. */
export const contextFilesDir = "files";
/** Folder of the build context holding install.sh and debs/, bind-mounted while installing and never part of a layer. */
export const contextPackagesDir = "packages";

/**
 * The ready check as a command run inside the container, written with bash builtins only (/dev/tcp, read), so it
 * works in every image whatever the app installs: bash is an essential package of the base.
 */
export function readyCheckScript(check: ReadyCheck, port: number): string {
  const connect = `exec 3<>/dev/tcp/127.0.0.1/${port}`;
  switch (check.kind) {
    case "http":
      return [
        connect,
        `printf 'GET %s HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' ${shellQuote(check.path)} >&3`,
        "read -r -t 3 _ status _ <&3",
        `[ "\${status%$'\\r'}" = ${check.expectStatus} ]`,
      ].join(" && ");
    case "redis-ping":
      return [connect, "printf 'PING\\r\\n' >&3", "read -r -t 3 reply <&3", `[ "$reply" = $'+PONG\\r' ]`].join(" && ");
  }
}

/** Dockerfile of an app's image: the catalog's packages, files, environment, user and command on the shared base. */
export function appDockerfile(spec: AppSpec, baseTag: string): string {
  const environment = Object.entries(spec.environment).map(([name, value]) => `${name}=${dockerfileQuote(value)}`);
  return [
    `FROM ${baseTag}`,
    `RUN --mount=type=bind,source=${contextPackagesDir},target=${packageBuildDir} sh ${packageBuildDir}/install.sh`,
    ...spec.files.map((file) => `COPY ${JSON.stringify([`${contextFilesDir}/${file.source}`, file.path])}`),
    ...(environment.length > 0 ? [`ENV ${environment.join(" ")}`] : []),
    `EXPOSE ${spec.port}`,
    `USER ${spec.user}`,
    `HEALTHCHECK --interval=5s --timeout=4s --retries=3 CMD ${JSON.stringify(["bash", "-c", readyCheckScript(spec.ready, spec.port)])}`,
    `CMD ${JSON.stringify(spec.command)}`,
    "",
  ].join("\n");
}
