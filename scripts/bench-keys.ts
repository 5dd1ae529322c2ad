// Key engine throughput, each as a ratio to a bare node:crypto loop doing the same work in the same run.
import { constants, createCipheriv, createDecipheriv, randomBytes, sign, type KeyObject } from 'node:crypto';
import { generateAsymmetric, privateKeyObject, signWith } from '../main/core/engine/asymmetric';
import { bindVersion, newAesKey, openWithKey, sealWithKey } from '../main/core/engine/symmetric';
import type { AsymmetricAlgorithm } from '../shared/domain';

/** Operations per second of `fn`, measured in alternating slices with `bare` so both see the same machine load. */
function compare(fn: () => unknown, bare: () => unknown, sliceMs = 150, rounds = 10): { engine: number; bare: number } {
  const rate = (f: () => unknown) => {
    let n = 0;
    const end = performance.now() + sliceMs;
    while (performance.now() < end) {
      f();
      n++;
    }
    return (n * 1000) / sliceMs;
  };
  rate(fn);
  rate(bare); // warm-up
  const e: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    e.push(rate(fn));
    b.push(rate(bare));
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return { engine: median(e), bare: median(b) };
}

const line = (label: string, r: { engine: number; bare: number }) =>
  console.log(
    `${label.padEnd(30)} engine ${Math.round(r.engine).toString().padStart(7)} ops/s | bare ${Math.round(r.bare).toString().padStart(7)} ops/s | ratio ${(r.engine / r.bare).toFixed(2)} (target >= 0.90)`,
  );

export async function benchKeys(): Promise<void> {
  console.log('\nKey engine throughput (one core)');
  const keyId = 'a'.repeat(32);
  const key = newAesKey();
  const data = randomBytes(1024);
  const vk = bindVersion(key, keyId, 1); // as the app's material cache holds it
  const sealed = sealWithKey(vk, data);
  const aad = Buffer.from(`skm:${keyId}:v1`);

  line(
    'AES-256-GCM encrypt 1 KiB',
    compare(
      () => sealWithKey(vk, data),
      () => {
        const iv = randomBytes(12);
        const c = createCipheriv('aes-256-gcm', key, iv);
        c.setAAD(aad);
        return Buffer.concat([iv, c.update(data), c.final(), c.getAuthTag()]);
      },
    ),
  );
  line(
    'AES-256-GCM decrypt 1 KiB',
    compare(
      () => openWithKey(vk, sealed),
      () => {
        const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
        d.setAAD(aad);
        d.setAuthTag(sealed.subarray(sealed.length - 16));
        return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
      },
    ),
  );

  const signers: Array<[AsymmetricAlgorithm, string, (k: KeyObject) => unknown]> = [
    ['RSA-2048', 'RSA-2048 PSS sign', (k) => sign('sha256', data, { key: k, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })],
    ['ECDSA-P256', 'ECDSA P-256 sign', (k) => sign('sha256', data, k)],
    ['Ed25519', 'Ed25519 sign', (k) => sign(null, data, k)],
  ];
  for (const [alg, label, bare] of signers) {
    const pair = await generateAsymmetric(alg);
    const k = privateKeyObject(pair.privateKeyPem);
    line(
      label,
      compare(
        () => signWith(alg, k, data),
        () => bare(k),
        alg === 'RSA-2048' ? 300 : 150,
      ),
    );
  }
}
