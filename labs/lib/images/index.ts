/** The lab's images: Docker images and the golden VM disk built from one Debian suite (`npm run images`). */
export { readBuiltImages } from "./builtImages";
export { ensureImages } from "./ensureImages";
export { renderImagesSummary } from "./summary";
export type { Log } from "./types";
