import type { AuthKind } from '../../../shared/domain';

/**
 * The product's words for each kind of authentication information, in English: shown through t() (their Korean is in
 * i18n/ko), so that every screen names a kind the same way.
 */
export const AUTH_KIND_TEXT: Record<
  AuthKind,
  { tab: string; add: string; noun: string; nouns: string; none: string; noMatch: string; search: string; field: string; empty: string; example: string }
> = {
  ipv4: {
    tab: 'IPv4 Address Management',
    add: 'Add IPv4 Address',
    noun: 'IPv4 address',
    nouns: 'IPv4 addresses',
    none: 'No IPv4 addresses yet',
    noMatch: 'No IPv4 addresses match the search.',
    search: 'Search by address',
    field: 'IPv4 Address',
    empty: 'Client programs of this key store must connect from a registered IPv4 address or range.',
    example: 'A single address (192.168.10.5) or a CIDR range (10.1.2.0/24).',
  },
  mac: {
    tab: 'MAC Address Management',
    add: 'Add MAC Address',
    noun: 'MAC address',
    nouns: 'MAC addresses',
    none: 'No MAC addresses yet',
    noMatch: 'No MAC addresses match the search.',
    search: 'Search by address',
    field: 'MAC Address',
    empty: 'Client programs of this key store must run on a machine with a registered MAC address.',
    example: 'aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF or aabb.ccdd.eeff.',
  },
  certificate: {
    tab: 'Certificate Management',
    add: 'Add Certificates',
    noun: 'certificate',
    nouns: 'certificates',
    none: 'No certificates yet',
    noMatch: 'No certificates match the search.',
    search: 'Search by name',
    field: 'Name',
    empty: "Client programs of this key store present a client certificate issued by the key store's own CA.",
    example: '',
  },
};
