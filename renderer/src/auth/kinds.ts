import type { AuthKind } from '../../../shared/domain';

/** The product's words for each kind of authentication information. */
export const AUTH_KIND_TEXT: Record<AuthKind, { tab: string; add: string; noun: string; field: string; empty: string; example: string }> = {
  ipv4: {
    tab: 'IPv4 Address Management',
    add: 'Add IPv4 Address',
    noun: 'IPv4 address',
    field: 'IPv4 Address',
    empty: 'Client programs of this key store must connect from a registered IPv4 address or range.',
    example: 'A single address (192.168.10.5) or a CIDR range (10.1.2.0/24).',
  },
  mac: {
    tab: 'MAC Address Management',
    add: 'Add MAC Address',
    noun: 'MAC address',
    field: 'MAC Address',
    empty: 'Client programs of this key store must run on a machine with a registered MAC address.',
    example: 'aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF or aabb.ccdd.eeff.',
  },
  certificate: {
    tab: 'Certificate Management',
    add: 'Add Certificates',
    noun: 'certificate',
    field: 'Name',
    empty: "Client programs of this key store present a client certificate issued by the key store's own CA.",
    example: '',
  },
};
