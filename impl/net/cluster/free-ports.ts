/**
 * Free TCP ports on 127.0.0.1, found by binding port 0. All servers stay open
 * until every port is known, so the ports returned are distinct; the window
 * between closing and a node binding is the usual, tiny, race.
 */
import net from "node:net";

export const loopback = "127.0.0.1";

export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, loopback, () => resolve(server));
  })));
  const ports = servers.map((server) => {
    const address = server.address();
    if (typeof address !== "object" || address === null) throw new Error("free-ports: no address");
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
