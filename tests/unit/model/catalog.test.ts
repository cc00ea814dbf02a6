import { dependenciesOf } from "../../../model/catalog/apps";

describe("the app catalog's dependencies", () => {
  it("lists every app an app needs running, through the apps it depends on, in catalog order", () => {
    expect(dependenciesOf("db")).toEqual([]);
    expect(dependenciesOf("api")).toEqual(["db"]);
    expect(dependenciesOf("web")).toEqual(["db", "api"]);
  });
});
