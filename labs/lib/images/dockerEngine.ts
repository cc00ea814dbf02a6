import { $ } from "zx";
import { checked } from "../shell";

/** Labels every lab image carries. */
export const appLabel = "vm-container-lab.app";
export const inputsLabel = "vm-container-lab.inputs";

/** The parts of `docker image inspect` the builder reads. */
export interface DockerImageInfo {
  id: string;
  sizeBytes: number;
  labels: Record<string, string>;
  /** Layer digests, bottom first. */
  layers: string[];
}

export async function inspectImage(reference: string): Promise<DockerImageInfo | undefined> {
  const result = await $({ nothrow: true, quiet: true })`docker image inspect ${reference}`;
  if (!result.ok) return undefined;
  const [image] = JSON.parse(result.stdout) as { Id: string; Size: number; Config: { Labels: Record<string, string> | null }; RootFS: { Layers?: string[] } }[];
  return { id: image.Id, sizeBytes: image.Size, labels: image.Config.Labels ?? {}, layers: image.RootFS.Layers ?? [] };
}

/** The image under `tag` if it was built from inputs with this key (a tag alone could be left over or made by hand). */
export async function builtImage(tag: string, key: string): Promise<DockerImageInfo | undefined> {
  const image = await inspectImage(tag);
  return image?.labels[inputsLabel] === key ? image : undefined;
}

export async function tagImage(id: string, tags: readonly string[]): Promise<void> {
  for (const tag of tags) await checked($({ quiet: true })`docker tag ${id} ${tag}`);
}

/** `dpkg-query -W` inside a throwaway container of the image, without network. */
export async function imageManifestText(id: string): Promise<string> {
  const manifest = await checked($({ quiet: true, timeout: "2m", timeoutSignal: "SIGKILL" })`docker run --rm --network none --user root --entrypoint dpkg-query ${id} -W`);
  return manifest.stdout;
}

/** The `:latest` tag beside a versioned one. */
export function latestTag(tag: string): string {
  return `${tag.slice(0, tag.lastIndexOf(":"))}:latest`;
}
