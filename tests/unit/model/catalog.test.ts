import { apps, dependenciesOf, tunedCommandOf } from "../../../model/catalog/apps";

describe("the app catalog's dependencies", () => {
  it("lists every app an app needs running, through the apps it depends on, in catalog order", () => {
    expect(dependenciesOf("db")).toEqual([]);
    expect(dependenciesOf("api")).toEqual(["db"]);
    expect(dependenciesOf("web")).toEqual(["db", "api"]);
  });
});

describe("the command that starts an app", () => {
  it("is the app's own in the typical profile (its unit and image), and its tuned start's in a tuned VM where it has one", () => {
    expect(apps.api.command).toEqual(["/usr/bin/node", "/opt/lab-api/server.js"]);
    expect(tunedCommandOf(apps.api)).toEqual(["/usr/bin/node", "--snapshot-blob", "/opt/lab-api/server.blob"]);
    expect(tunedCommandOf(apps.db)).toBe(apps.db.command);
  });

  it("starts the api from a snapshot that its preparation writes from the api's own file", () => {
    const prepare = apps.api.tunedStart?.prepare ?? [];
    const blob = prepare[prepare.indexOf("--snapshot-blob") + 1];
    expect(blob).toBe(apps.api.tunedStart?.creates);
    expect(tunedCommandOf(apps.api)).toContain(blob);
    expect(prepare).toContain("--build-snapshot");
    expect(prepare.at(-1)).toBe(apps.api.files[0].path);
  });
});
