/**
 * A small HTTP proxy on 127.0.0.1 in front of the real Prometheus server that injects
 * faults: each queued fault is applied to the next request, the rest are forwarded.
 * It records every request's headers and the most requests it ever held at once.
 */
import { createServer } from 'node:http';

/** 'hang' never answers; 'truncate' forwards a real answer cut off halfway; 'html' is a login page */
export async function startFaultProxy(target, { delayMs = 0 } = {}) {
  const faults = [];
  const requests = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set();

  const forward = async (req, body) => {
    const res = await fetch(`${target}${req.url}`, { method: req.method, headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' }, body: req.method === 'POST' ? body : undefined });
    return { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' }, body: Buffer.from(await res.arrayBuffer()) };
  };

  const server = createServer(async (req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => inFlight--);
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString();
    requests.push({ url: req.url, headers: req.headers, body });
    const fault = faults.shift() ?? proxy.always;
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (fault === 'hang') return;
    if (fault === 'html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/login"></form></body></html>');
    }
    if (fault && typeof fault === 'object') {
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json', ...fault.headers });
      return res.end(fault.body ?? '');
    }
    const answer = await forward(req, body);
    if (fault === 'truncate') {
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      return res.destroy();
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const proxy = {
    always: undefined,
    url: `http://127.0.0.1:${port}`,
    faults,
    requests,
    maxInFlight: () => maxInFlight,
    reset() {
      faults.length = 0;
      requests.length = 0;
      maxInFlight = 0;
      proxy.always = undefined;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
