/** The lab's images: Docker images and the golden VM disk built from one Debian suite (`npm run images`). */
export { readBuiltImages } from "./builtImages";
export { ensureImages } from "./ensureImages";
export { buildSeedImage, type SeedImageOptions } from "./seedImage";
export { seedVolumeLabel, type SeedSettings } from "./seedContent";
export type { BuiltAppImage, BuiltDockerImage, BuiltImages, BuiltVmImage, BuildTimings, Log, StepTiming } from "./types";
