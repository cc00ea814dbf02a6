import * as fs from "node:fs";
import { $, which } from "zx";
import { LabError } from "../../../model/labError";

/** Docker CLIs before 23.0 build with BuildKit themselves when DOCKER_BUILDKIT=1; later ones need the buildx plugin. */
export function hasBuiltinBuildkit(clientVersion: string): boolean {
  const major = Number(/^(\d+)\./.exec(clientVersion.trim())?.[1]);
  return Number.isInteger(major) && major < 23;
}

async function dockerClientsOnPath(): Promise<string[]> {
  const found = (await which("docker", { all: true, nothrow: true })) ?? [];
  return [...new Set(found.map((file) => fs.realpathSync(file)))];
}

/**
 * A docker CLI whose `docker build` uses BuildKit (app images need `RUN --mount` to install packages without
 * leaving them in a layer): the first on PATH if it has buildx, otherwise any client on PATH with BuildKit built in.
 */
export async function buildkitDockerClient(): Promise<string> {
  if ((await $({ nothrow: true, quiet: true })`docker buildx version`).ok) return "docker";
  const versions: string[] = [];
  for (const client of await dockerClientsOnPath()) {
    const version = (await $({ nothrow: true, quiet: true })`${client} version --format ${"{{.Client.Version}}"}`).stdout.trim();
    versions.push(`${client} ${version || "(no version)"}`);
    if (hasBuiltinBuildkit(version)) return client;
  }
  throw new LabError(
    `No docker client here can build with BuildKit, which the app images need (RUN --mount); found: ${versions.join(", ") || "none"}.`,
    "install the buildx plugin for your docker client (Debian: docker-buildx; Docker's packages: docker-buildx-plugin), or put Debian bookworm's docker.io client (/usr/bin/docker) first on PATH, then run `npm run images` again.",
  );
}

/** Environment for that client: DOCKER_BUILDKIT=1 turns BuildKit on in clients that have it built in. */
export const buildkitEnv: NodeJS.ProcessEnv = { ...process.env, DOCKER_BUILDKIT: "1" };
