import { apps } from "../../../model/catalog/apps";
import { appUnit, packageUnitFiles } from "../../../labs/lib/images/appUnit";
import { appUnitName } from "../../../model/seed";
import { shellQuote, systemdQuote } from "../../../labs/lib/images/quoting";

describe("systemd units of the VM image", () => {
  it("runs the api app's catalog command as its user with its environment, after the seed", () => {
    expect(appUnitName("api")).toBe("lab-api.service");
    expect(appUnit(apps.api)).toBe(
      [
        "[Unit]",
        "Description=vm-container-lab api app: the lab's own Node.js service counting visits in Redis",
        "After=network.target lab-seed.service",
        "",
        "[Service]",
        "ExecStart=/usr/bin/node /opt/lab-api/server.js",
        "User=nobody",
        "Environment=API_PORT=3000 REDIS_HOST=db REDIS_PORT=6379",
        "Restart=on-failure",
        "RestartSec=1",
        "",
        "[Install]",
        "WantedBy=multi-user.target",
        "",
      ].join("\n"),
    );
  });

  it("has no Environment line for an app without environment", () => {
    const unit = appUnit(apps.db);
    expect(unit).toContain("ExecStart=/usr/bin/redis-server /etc/redis/redis-lab.conf\nUser=redis\nRestart=on-failure\n");
    expect(unit).not.toContain("Environment=");
  });

  it("quotes words with spaces, quotes and % for systemd, and for sh", () => {
    expect(systemdQuote("plain/path.conf")).toBe("plain/path.conf");
    expect(systemdQuote('say "hi" 100%')).toBe('"say \\"hi\\" 100%%"');
    expect(systemdQuote("A=b c")).toBe('"A=b c"');
    expect(shellQuote("/healthz")).toBe("/healthz");
    expect(shellQuote("it's here")).toBe("'it'\\''s here'");
  });

  it("finds the unit files a package ships in its dpkg-query -L listing, templates aside", () => {
    const listing = ["/.", "/lib/systemd/system", "/lib/systemd/system/redis-server.service", "/lib/systemd/system/redis-server@.service", "/usr/lib/systemd/system/nginx.service", "/etc/init.d/nginx", "/lib/systemd/system/nginx.service", "/usr/share/doc/nginx.service.txt"].join("\n");
    expect(packageUnitFiles(listing)).toEqual(["nginx.service", "redis-server.service"]);
  });
});
