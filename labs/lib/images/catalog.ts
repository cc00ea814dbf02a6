import * as fs from "node:fs";
import * as path from "node:path";
import { apps, catalogFilesDir, type AppFile, type AppName, type AppSpec } from "../../../model/catalog/apps";

/** The app catalog as the image builder reads it; tests pass edited copies to see which cache keys change. */
export interface Catalog {
  /** Every app's specification. */
  apps: Record<AppName, AppSpec>;
  /** Content of one of an app's files. */
  fileContent: (file: AppFile) => string;
}

/** The lab's catalog: model/catalog/apps.ts and its files/. */
export const labCatalog: Catalog = { apps, fileContent: (file) => fs.readFileSync(path.join(catalogFilesDir, file.source), "utf8") };
