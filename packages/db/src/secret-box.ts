import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for secrets at rest. The key is 32 bytes, given base64 (OUTFLOW_SECRET_KEY).
 * Sealed form: "v1:<iv b64>:<tag b64>:<ciphertext b64>".
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(keyBase64: string) {
    const key = Buffer.from(keyBase64, "base64");
    if (key.length !== 32) {
      throw new Error("OUTFLOW_SECRET_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)");
    }
    this.key = key;
  }

  seal(value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
    return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(":");
  }

  open<T>(sealed: string): T {
    const [version, iv, tag, body] = sealed.split(":");
    if (version !== "v1" || !iv || !tag || !body) {
      throw new Error("sealed secret has an unknown format");
    }
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    const text = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
    return JSON.parse(text) as T;
  }
}
