import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { labPaths, pulumiCli, pulumiEnv, repoRoot } from "./labEnv";
import { checked } from "./shell";

/**
 * @pulumi/libvirt is not on npm at a version matching the lab's plugin, so the lab generates it from the plugin's
 * schema and commits the compiled package in sdks/libvirt; package.json depends on it with `file:`, so `npm ci`
 * alone makes it importable. Regenerate it with `npm run sdk` after the plugin changes.
 */
export const libvirtSdkDir = path.join(repoRoot, "sdks", "libvirt");

const generatorModule = path.join(repoRoot, "tools", "pulumi-resource-libvirt");

interface GeneratedManifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  pulumi: Record<string, unknown>;
}

/**
 * The generator's package.json as a compiled package: no build script or compiler, and @pulumi/pulumi as a peer, so
 * the SDK and the lab share the one @pulumi/pulumi of the repository (two copies would register resources twice).
 */
export function compiledManifest(generated: GeneratedManifest, version: string): GeneratedManifest {
  const { dependencies, devDependencies: _build, scripts: _scripts, ...rest } = generated;
  return { ...rest, version, peerDependencies: dependencies, pulumi: { ...generated.pulumi, version } };
}

/** The schema of the installed libvirt plugin, as the engine sees it. */
async function pluginSchema(version: string, file: string): Promise<void> {
  const schema = await checked($({ quiet: true, env: pulumiEnv() })`${pulumiCli} package get-schema ${`libvirt@${version}`}`);
  fs.writeFileSync(file, schema.stdout);
}

/** Writes the compiled @pulumi/libvirt package generated from the installed plugin's schema into outDir (made empty first). */
export async function generateLibvirtSdk(version: string, outDir: string, log: (line: string) => void): Promise<void> {
  // Inside the checkout: the generated sources compile against the repository's node_modules (@pulumi/pulumi, @types/node).
  fs.mkdirSync(labPaths.cache, { recursive: true });
  const work = fs.mkdtempSync(path.join(labPaths.cache, "libvirt-sdk-"));
  try {
    const schemaFile = path.join(work, "schema.json");
    const sources = path.join(work, "sources");
    const generator = path.join(work, "gen-nodejs-sdk");
    log(`sdk: reading the schema of the installed libvirt plugin v${version}`);
    await pluginSchema(version, schemaFile);
    log("sdk: building the generator (tools/pulumi-resource-libvirt/cmd/gen-nodejs-sdk; a minute or more when Go's cache is cold)");
    await checked($({ quiet: true, cwd: generatorModule })`go build -o ${generator} ./cmd/gen-nodejs-sdk`);
    await checked($({ quiet: true })`${generator} ${schemaFile} ${version} ${sources}`);
    log("sdk: compiling the generated sources");
    const compiled = path.join(work, "compiled");
    const tsc = path.join(repoRoot, "node_modules", ".bin", "tsc");
    await checked($({ quiet: true })`${tsc} -p ${path.join(sources, "tsconfig.json")} --outDir ${compiled} --sourceMap false`);
    const manifest = JSON.parse(fs.readFileSync(path.join(sources, "package.json"), "utf8")) as GeneratedManifest;
    fs.writeFileSync(path.join(compiled, "package.json"), `${JSON.stringify(compiledManifest(manifest, version), null, 2)}\n`);
    fs.copyFileSync(path.join(sources, "README.md"), path.join(compiled, "README.md"));
    // Replaced only once the new package is complete, so a failed run leaves the old one in place.
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.cpSync(compiled, outDir, { recursive: true });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
