import { createPublicKey, type KeyObject } from 'node:crypto';
import { DestinationRules, type Destination, type DestinationKeyView } from '../../../shared/transfer';
import { SkmError } from '../../../shared/errors';
import { spkiDerFingerprint } from '../audit/audit-log';

/** The sizes some destination's wrapping key may have (RSA 2048, 3072, 4096): smaller is breakable, larger is no KMS's. */
const ACCEPTED_BITS = [...new Set(Object.values(DestinationRules).flatMap((rule) => rule.wrappingKeyBits))];

const KEY_TYPE_WORDS: Readonly<Record<string, string>> = {
  'rsa-pss': 'an RSA-PSS key, which can only sign',
  ec: 'an EC key',
  ed25519: 'an Ed25519 key',
  ed448: 'an Ed448 key',
  x25519: 'an X25519 key',
  x448: 'an X448 key',
};

const refused = (message: string) => new SkmError('WRAPPING_KEY_REFUSED', message, 'wrappingKeyPem');

/** PEM (SPKI "PUBLIC KEY" or PKCS#1 "RSA PUBLIC KEY"), or the bare base64 DER that AWS's GetParametersForImport answers with. */
function parse(text: string): KeyObject {
  if (/PRIVATE KEY/.test(text)) {
    // Never echoed, never kept: the caller drops the text with the request.
    throw refused('This is a private key. Paste the destination’s public wrapping key only, and treat the private key you pasted as exposed.');
  }
  try {
    if (text.includes('-----BEGIN')) return createPublicKey(text);
    const der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    throw refused(
      'This is not a public key. Paste the destination’s public wrapping key as PEM (-----BEGIN PUBLIC KEY-----) or as the base64 text AWS answers with.',
    );
  }
}

export interface DestinationKey extends DestinationKeyView {
  key: KeyObject;
}

/**
 * A destination's public wrapping key, checked: RSA (not RSA-PSS, which cannot encrypt), 2048, 3072 or 4096 bits, and
 * (given a destination) a size that destination's wrapping keys have. Refusals say why in words.
 */
export function destinationKey(text: string, destination?: Destination): DestinationKey {
  const key = parse(text);
  if (key.asymmetricKeyType !== 'rsa') {
    const what = KEY_TYPE_WORDS[String(key.asymmetricKeyType)] ?? `a ${String(key.asymmetricKeyType).toUpperCase()} key`;
    throw refused(`This is ${what}. Wrapping needs the destination’s RSA public wrapping key (RSA-OAEP).`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (!ACCEPTED_BITS.includes(bits)) {
    throw refused(
      bits < 2048
        ? `This RSA key has ${bits} bits: too short to protect a key in transit. Use a wrapping key of 2048, 3072 or 4096 bits.`
        : `This RSA key has ${bits} bits; wrapping keys are 2048, 3072 or 4096 bits. Check that this is the destination’s wrapping key.`,
    );
  }
  if (destination && !DestinationRules[destination].wrappingKeyBits.includes(bits)) {
    const rule = DestinationRules[destination];
    throw refused(
      `${rule.label} wrapping keys are ${rule.wrappingKeyBits.join(' or ')} bits; this one has ${bits}. Fetch the wrapping key from ${rule.label} again (see the README, Moving keys to production).`,
    );
  }
  const destinations = (Object.keys(DestinationRules) as Destination[]).filter((d) => DestinationRules[d].wrappingKeyBits.includes(bits));
  return { key, bits, fingerprint: spkiDerFingerprint(key.export({ type: 'spki', format: 'der' })), destinations };
}
