import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * SHA-256 of a UTF-8 string, as lowercase hex: synchronous (WebCrypto's digest is async) and the same in the wizard
 * and the worker. @noble/hashes: audited, no dependencies, no node:* imports.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
