// The keys every test runs with (fixed, so that processes a test spawns can be given the same
// ones through the environment).
import { keyRingAsEnvironment, type KeyRing } from '../../src/config/keys.js';

const fixed = (id: string, fill: number) => [{ id, secret: Buffer.alloc(32, fill) }];

export const testKeys: KeyRing = {
  residentId: fixed('t1', 1),
  residentIdLookup: fixed('t1', 2),
  audit: fixed('t1', 3),
};

export const testKeyEnvironment = keyRingAsEnvironment(testKeys);
