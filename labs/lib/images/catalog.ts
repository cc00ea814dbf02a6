import { appFileContent, apps, type AppFile, type AppName, type AppSpec } from "../../../stacks/catalog/apps";

/** The app catalog as the image builder reads it; tests pass edited copies to see which cache keys change. */
export interface Catalog {
  /** Every app's specification. */
  apps: Record<AppName, AppSpec>;
  /** Content of one of an app's files. */
  fileContent: (file: AppFile) => string;
}

/** The lab's catalog: stacks/catalog/apps.ts and its files/. */
export const labCatalog: Catalog = { apps, fileContent: appFileContent };
