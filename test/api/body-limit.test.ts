// The cap on request bodies, met as a client meets it: over a real socket, with @hono/node-server
// in between (app.request would skip the adapter whose Request the cap avoids building). A body
// over the cap is refused with a 413 whether it says its length or comes in chunks, before it is
// read when it says it; a body under the cap reaches its route whole, both ways.
import { serve } from '@hono/node-server';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentLimits } from '../../src/domain/attachments.js';
import { makeUser, testPassword } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const apiLimit = 1024 * 1024;

interface Answer {
  status: number;
  type: string;
  body: string;
}

describe('request body cap over HTTP (postgres)', () => {
  let h: Harness;
  let server: ReturnType<typeof serve>;
  let port: number;
  let username: string;

  beforeAll(async () => {
    h = await startHarness('postgres');
    username = (await makeUser(h.database.db, 'reviewer')).username;
    server = serve({ fetch: h.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await h.close();
  });

  /** Sends `chunks` one write each; with `length`, under that Content-Length, else chunked. */
  function send(path: string, chunks: Buffer[], headers: Record<string, string | number>): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (part: string) => (body += part));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '', body }),
        );
      });
      // The server may answer and close before a refused body is all sent.
      request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? undefined : reject(error)));
      for (const chunk of chunks) request.write(chunk);
      request.end();
    });
  }

  /**
   * Sends the headers of a POST and none of its body, over a bare socket: the server answers, then
   * closes the connection when the body it refused does not come.
   */
  function sendHeadersOnly(path: string, headers: Record<string, string | number>): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
            .map(([name, value]) => `${name}: ${value}\r\n`)
            .join('')}\r\n`,
        ),
      );
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (part: string) => (text += part));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', body = ''] = text.split('\r\n\r\n');
        resolve({
          status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0),
          type: /^content-type: (.*)$/im.exec(head)?.[1] ?? '',
          body,
        });
      });
    });
  }

  const loginBody = () => Buffer.from(JSON.stringify({ username, password: testPassword }));

  it('a JSON body under the cap reaches the route, with a length or in chunks', async () => {
    const body = loginBody();
    const withLength = await send('/api/v1/auth/login', [body], {
      'content-type': 'application/json',
      'content-length': body.byteLength,
    });
    expect(withLength.status).toBe(200);
    expect(JSON.parse(withLength.body).token).toEqual(expect.any(String));

    const chunked = await send('/api/v1/auth/login', [body.subarray(0, 10), body.subarray(10)], {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    expect(chunked.status).toBe(200);
    expect(JSON.parse(chunked.body).token).toEqual(expect.any(String));
  });

  it('an API body over 1 MB is a 413 problem, by its length before it is read, or counted as it comes', async () => {
    // Only the headers are sent: the answer comes from the length alone.
    const byLength = await sendHeadersOnly('/api/v1/auth/login', {
      'content-type': 'application/json',
      'content-length': apiLimit + 1,
    });
    expect(byLength.status).toBe(413);
    expect(byLength.type).toContain('application/problem+json');
    expect(JSON.parse(byLength.body).code).toBe('PAYLOAD_TOO_LARGE');

    const chunks = Array.from({ length: 5 }, () => Buffer.alloc(256 * 1024, 0x20));
    const counted = await send('/api/v1/auth/login', chunks, {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    expect(counted.status).toBe(413);
    expect(JSON.parse(counted.body).code).toBe('PAYLOAD_TOO_LARGE');
    expect(h.errors).toEqual([]);
  });

  it('a form over its cap is a 413 page, by its length before it is read', async () => {
    const formLimit = attachmentLimits.maxFiles * attachmentLimits.maxBytes + apiLimit;
    const answer = await sendHeadersOnly('/login', {
      'content-type': 'multipart/form-data; boundary=x',
      'content-length': formLimit + 1,
    });
    expect(answer.status).toBe(413);
    expect(answer.type).toContain('text/html');
  });
});
