import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A minimal HTTP CONNECT proxy on 127.0.0.1 that sends every tunnel to one local port, whatever
 * host was asked for. `fathom` processes spawned by a test cannot be given the fixture web's DNS
 * resolver; with `HTTP_PROXY` pointing here (and the proxy as the SSRF boundary) they reach the
 * fixture web's `*.test` sites by name, as a real proxy would reach real sites.
 */
export async function startConnectProxy(targetPort: number): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.once('data', (head) => {
      const line = head.toString('latin1').split('\r\n')[0] ?? '';
      if (!line.startsWith('CONNECT ')) return void client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
      const upstream = connect(targetPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.once('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
