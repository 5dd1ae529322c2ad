/**
 * Parsing of client authentication information, shared so the renderer can use the same rules.
 * Pure functions: no Node, no DOM. Each returns the normalised form or a message that says what is wrong.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface Ipv4Range {
  /** Normalised text: no leading zeros, `/prefix` only for ranges (a single address is stored without /32). */
  address: string;
  /** Network address as an unsigned 32-bit number, and the prefix length: what the Key API check compares. */
  network: number;
  prefix: number;
}

const fail = (message: string): Parsed<never> => ({ ok: false, message });

export function parseIpv4(input: string): Parsed<Ipv4Range> {
  const text = input.trim();
  if (text === '') return fail('Enter an IPv4 address or a CIDR range such as 10.1.2.0/24.');
  if (text.includes(':')) return fail('IPv4 only: IPv6 addresses are not supported.');
  const [addr, prefixText, ...extra] = text.split('/');
  if (extra.length > 0) return fail('Use one / between the address and the prefix length, as in 10.1.2.0/24.');
  const parts = addr!.split('.');
  if (parts.length !== 4) return fail('An IPv4 address has four numbers separated by dots, as in 192.168.10.5.');
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return fail(`"${part}" is not a number from 0 to 255.`);
    const n = Number(part);
    if (n > 255) return fail(`Each number in an IPv4 address is 0 to 255; ${n} is too large.`);
    octets.push(n);
  }
  let prefix = 32;
  if (prefixText !== undefined) {
    if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) return fail('The prefix length after / is a number from 0 to 32.');
    prefix = Number(prefixText);
  }
  const value = octets.reduce((acc, o) => acc * 256 + o, 0);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const network = (value & mask) >>> 0;
  if (network !== value) {
    const netText = [24, 16, 8, 0].map((s) => (network >>> s) & 255).join('.');
    return fail(`${octets.join('.')}/${prefix} has host bits set; the range is written ${netText}/${prefix}.`);
  }
  const address = prefixText === undefined ? octets.join('.') : `${octets.join('.')}/${prefix}`;
  return { ok: true, value: { address, network, prefix } };
}

export function parseMac(input: string): Parsed<string> {
  const text = input.trim();
  if (text === '') return fail('Enter a MAC address such as aa:bb:cc:dd:ee:ff.');
  let groups: string[];
  if (/^[^.:-]+(\.[^.:-]+)*$/.test(text) && text.includes('.')) {
    // Cisco style: three groups of four digits.
    const dotted = text.split('.');
    if (dotted.length !== 3 || dotted.some((g) => g.length !== 4))
      return fail('Write a dotted MAC address as three groups of four hexadecimal digits: aabb.ccdd.eeff.');
    groups = dotted.flatMap((g) => [g.slice(0, 2), g.slice(2)]);
  } else {
    groups = text.split(/[:-]/);
    if (groups.length !== 6)
      return fail(`A MAC address has six groups of two hexadecimal digits; ${groups.length} ${groups.length === 1 ? 'group was' : 'groups were'} found.`);
    if (groups.some((g) => g.length !== 2)) return fail('Each group of a MAC address is two hexadecimal digits, as in aa:bb:cc:dd:ee:ff.');
  }
  const bad = groups.find((g) => !/^[0-9a-fA-F]{2}$/.test(g));
  if (bad !== undefined) return fail(`"${bad}" is not hexadecimal: MAC addresses use the digits 0-9 and a-f.`);
  return { ok: true, value: groups.map((g) => g.toLowerCase()).join(':') };
}
