import * as http from "node:http";

/** GETs a URL and parses its JSON body; rejects on anything but 200. */
export function getJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { timeout: 10_000 }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => (response.statusCode === 200 ? resolve(JSON.parse(body) as T) : reject(new Error(`${url}: HTTP ${response.statusCode} ${body}`))));
      })
      .on("error", reject);
  });
}
