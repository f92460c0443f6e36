// `npm run keys:generate`: prints a new set of the keys xiufu needs outside the demo, as
// environment lines. To rotate, put the new key in front of the old in each list
// (docs/SECURITY.md, "Rotating keys").
import { generateKeyRing, keyRingAsEnvironment } from './config/keys.js';

for (const [name, value] of Object.entries(keyRingAsEnvironment(generateKeyRing()))) console.log(`${name}=${value}`);
