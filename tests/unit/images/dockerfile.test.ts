import { apps } from "../../../model/catalog/apps";
import { appDockerfile, readyCheckScript } from "../../../labs/lib/images/dockerfile";
import { dockerfileQuote } from "../../../labs/lib/images/quoting";

const baseTag = "vm-container-lab/base:0123456789ab";

describe("app Dockerfiles", () => {
  it("installs the bind-mounted packages, copies the catalog files and runs the catalog command as the catalog user", () => {
    expect(appDockerfile(apps.api, baseTag)).toBe(
      [
        "FROM vm-container-lab/base:0123456789ab",
        "RUN --mount=type=bind,source=packages,target=/tmp/lab-build sh /tmp/lab-build/install.sh",
        'COPY ["files/api-server.js","/opt/lab-api/server.js"]',
        'ENV API_PORT="3000" REDIS_HOST="db" REDIS_PORT="6379"',
        "EXPOSE 3000",
        "USER nobody",
        `HEALTHCHECK --interval=5s --timeout=4s --retries=3 CMD ["bash","-c","exec 3<>/dev/tcp/127.0.0.1/3000 && printf 'GET %s HTTP/1.0\\\\r\\\\nHost: localhost\\\\r\\\\n\\\\r\\\\n' /healthz >&3 && read -r -t 3 _ status _ <&3 && [ \\"\${status%$'\\\\r'}\\" = 200 ]"]`,
        'CMD ["/usr/bin/node","/opt/lab-api/server.js"]',
        "",
      ].join("\n"),
    );
  });

  it("leaves out ENV when the app has no environment and copies every file of the app", () => {
    const dockerfile = appDockerfile(apps.web, baseTag);
    expect(dockerfile).not.toContain("ENV ");
    expect(dockerfile.split("\n").filter((line) => line.startsWith("COPY "))).toEqual(['COPY ["files/nginx-web.conf","/etc/nginx/nginx-lab.conf"]', 'COPY ["files/index.html","/srv/web/index.html"]']);
    expect(dockerfile).toContain("USER root\n");
    expect(dockerfile).toContain('CMD ["/usr/sbin/nginx","-c","/etc/nginx/nginx-lab.conf"]\n');
  });

  it("checks readiness inside the container with bash builtins only", () => {
    expect(readyCheckScript({ kind: "redis-ping" }, 6379)).toBe(
      "exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\\r\\n' >&3 && read -r -t 3 reply <&3 && [ \"$reply\" = $'+PONG\\r' ]",
    );
    expect(readyCheckScript({ kind: "http", path: "/it's", expectStatus: 204 }, 8080)).toBe(
      "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET %s HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' '/it'\\''s' >&3 && read -r -t 3 _ status _ <&3 && [ \"${status%$'\\r'}\" = 204 ]",
    );
  });

  it("quotes ENV values so Docker neither expands variables nor ends the value early", () => {
    expect(dockerfileQuote('a "b" $HOME \\n')).toBe('"a \\"b\\" \\$HOME \\\\n"');
  });
});
