// TOTP (RFC 6238) as an authenticator app computes it: HMAC-SHA1 over the 30-second time step,
// dynamic truncation (RFC 4226), 6 digits. The secret is Base32 (RFC 4648), as shown to users.
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Base32 to bytes; spaces, dashes and padding are ignored, case does not matter. */
export function base32Decode(text) {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of clean) {
    const v = ALPHABET.indexOf(c);
    if (v === -1) throw new Error(`Not a Base32 character: ${JSON.stringify(c)}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** HOTP (RFC 4226) for a key (bytes) and counter. */
export function hotp(key, counter, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * The code for a Base32 secret at `time` (ms since 1970, default now), `steps` time steps later
 * (1: the next code, which the server accepts too; useful after a code of this step was used).
 */
export function totp(secret, { time = Date.now(), steps = 0, period = 30, digits = 6 } = {}) {
  const key = typeof secret === 'string' ? base32Decode(secret) : secret;
  return hotp(key, Math.floor(time / 1000 / period) + steps, digits);
}
