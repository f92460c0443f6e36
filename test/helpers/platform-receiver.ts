// A small local platform for propagation tests: it checks each delivery's signature and
// answers with the status the test asks for (so it can fail, then recover).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signatureOf } from '../../src/services/relay-outbox.js';

export interface Receiver {
  url: string;
  deliveries: { body: Record<string, unknown>; signatureValid: boolean }[];
  /** Status codes to answer with, in turn; 200 once they run out. */
  answers: number[];
  close(): Promise<void>;
}

export async function startReceiver(secret: string): Promise<Receiver> {
  const receiver: Omit<Receiver, 'url' | 'close'> = { deliveries: [], answers: [] };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      receiver.deliveries.push({
        body: JSON.parse(raw),
        signatureValid: req.headers['x-xiufu-signature'] === signatureOf(secret, raw),
      });
      res.statusCode = receiver.answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    ...receiver,
    get deliveries() {
      return receiver.deliveries;
    },
    get answers() {
      return receiver.answers;
    },
    set answers(value: number[]) {
      receiver.answers = value;
    },
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/xiufu`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
