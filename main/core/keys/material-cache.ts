import type { KeyObject } from 'node:crypto';
import { privateKeyObject, publicKeyObject } from '../engine/asymmetric';
import { bindVersion, type VersionKey } from '../engine/symmetric';
import type { KeyVersionRecord } from '../vault/document';

/**
 * Parsed key material per key version, so each encrypt or sign does not decode base64 or parse a PEM again
 * (parsing a PEM costs more than an ECDSA signature). Lives only while the vault is open.
 *
 * At Lock (`forget()`), AES keys are zeroed: they are Buffers we own. Private keys are node KeyObjects, whose key
 * lives in OpenSSL memory that JavaScript cannot reach: they can only be dropped, and OpenSSL clears that memory when
 * the garbage collector frees them. Parsing from a wiped Buffer per use instead is about 20 times slower for ECDSA,
 * so the cache keeps KeyObjects (see the README, "What Lock guarantees"; tests/unit/memory-after-lock.test.ts).
 */
export class MaterialCache {
  private readonly aes = new Map<string, VersionKey>();
  private readonly privateKeys = new Map<string, KeyObject>();
  private readonly publicKeys = new Map<string, KeyObject>();

  aesKey(keyId: string, v: KeyVersionRecord): VersionKey {
    return this.cached(this.aes, `${keyId}:${v.version}`, () => {
      if (v.material.kind !== 'aes') throw new TypeError('not an AES key');
      return bindVersion(Buffer.from(v.material.key, 'base64'), keyId, v.version);
    });
  }

  privateKey(keyId: string, v: KeyVersionRecord): KeyObject {
    return this.cached(this.privateKeys, `${keyId}:${v.version}`, () => {
      if (v.material.kind !== 'keypair') throw new TypeError('not a key pair');
      return privateKeyObject(v.material.privateKeyPem);
    });
  }

  publicKey(keyId: string, v: KeyVersionRecord): KeyObject {
    return this.cached(this.publicKeys, `${keyId}:${v.version}`, () => {
      if (v.material.kind !== 'keypair') throw new TypeError('not a key pair');
      return publicKeyObject(v.material.publicKeyPem);
    });
  }

  /** Forget one key (after deletion) or everything (at lock). AES buffers are zeroed; KeyObjects are dropped. */
  forget(keyId?: string): void {
    for (const map of [this.aes, this.privateKeys, this.publicKeys] as Map<string, unknown>[]) {
      for (const [id, value] of map) {
        if (keyId !== undefined && !id.startsWith(`${keyId}:`)) continue;
        if (map === this.aes) (value as VersionKey).key.fill(0);
        map.delete(id);
      }
    }
  }

  private cached<T>(map: Map<string, T>, id: string, make: () => T): T {
    let value = map.get(id);
    if (value === undefined) {
      value = make();
      map.set(id, value);
    }
    return value;
  }
}
