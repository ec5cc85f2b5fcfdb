import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString, boolean, explicit, implicit, octetString, oid, sequence, set, smallInteger, unsignedInteger, utcTime, utf8String, type Der,
} from './der';

/**
 * A certificate authority and a server certificate for the simulator's Kubernetes API, made fresh at every start
 * with node's crypto (ECDSA on prime256v1 with SHA256): the CA goes to DescribeCluster's `certificateAuthority.data`, so
 * clients verify the server as they verify EKS's, and no key is ever written to disk. RFC 5280 profiles: the CA has
 * basicConstraints cA and keyUsage keyCertSign; the server certificate names its hosts in subjectAltName (clients
 * match hosts against it, not the common name) and is for serverAuth.
 */
export interface TlsMaterial {
  /** PEM of the CA certificate. */
  caPem: string;
  /** PEM of the server certificate and its private key (PKCS #8), for https.createServer. */
  certPem: string;
  keyPem: string;
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const DAY_MS = 24 * 3600 * 1000;

/** A CA and a server certificate for `hosts` (IP addresses and DNS names), valid from an hour ago for a year. */
export function createTlsMaterial(hosts: string[], nowMs = Date.now()): TlsMaterial {
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const leaf = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const caName = name('eks-upgrade simulator CA');
  const caKeyId = keyId(ca.publicKey);
  const validity = sequence(utcTime(nowMs - 3600_000), utcTime(nowMs + 365 * DAY_MS));
  const caCert = certificate(ca.privateKey, sequence(
    explicit(0, smallInteger(2)),
    serial(),
    ECDSA_WITH_SHA256,
    caName,
    validity,
    caName,
    spki(ca.publicKey),
    explicit(3, sequence(
      extension('2.5.29.19', sequence(boolean(true)), true),
      // keyCertSign (bit 5) and cRLSign (bit 6): one byte 0b0000_0110, its last bit unused.
      extension('2.5.29.15', bitString(Buffer.from([0x06]), 1), true),
      extension('2.5.29.14', octetString(caKeyId)),
    )),
  ));
  const leafCert = certificate(ca.privateKey, sequence(
    explicit(0, smallInteger(2)),
    serial(),
    ECDSA_WITH_SHA256,
    caName,
    validity,
    name('kube-apiserver'),
    spki(leaf.publicKey),
    explicit(3, sequence(
      extension('2.5.29.19', sequence(), true),
      // digitalSignature (bit 0) only: 0b1000_0000 with seven unused bits.
      extension('2.5.29.15', bitString(Buffer.from([0x80]), 7), true),
      extension('2.5.29.37', sequence(oid('1.3.6.1.5.5.7.3.1'))),
      extension('2.5.29.17', sequence(...hosts.map(generalName))),
      extension('2.5.29.35', sequence(implicit(0, caKeyId))),
    )),
  ));
  return {
    caPem: pem('CERTIFICATE', caCert),
    certPem: pem('CERTIFICATE', leafCert),
    keyPem: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function certificate(issuerKey: KeyObject, tbs: Der): Der {
  // ECDSA signatures come out DER-encoded (r, s), as X.509's signatureValue wants them.
  return sequence(tbs, ECDSA_WITH_SHA256, bitString(sign('sha256', tbs, issuerKey)));
}

function name(commonName: string): Der {
  return sequence(
    set(sequence(oid('2.5.4.10'), utf8String('cdktf-eks-upgrade'))),
    set(sequence(oid('2.5.4.3'), utf8String(commonName))),
  );
}

const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });

/** RFC 5280 §4.2.1.2 method 1: the SHA1 digest of the subjectPublicKey bits (the DER's tail after the algorithm). */
const keyId = (key: KeyObject) => createHash('sha1').update(spki(key).subarray(-65)).digest();

/** 16 random bytes, the first 1–127 (high bit clear, never zero): positive and at most 20 octets, as RFC 5280 asks. */
function serial(): Der {
  const bytes = randomBytes(16);
  bytes[0] = 1 + (bytes[0] % 0x7f);
  return unsignedInteger(bytes);
}

function extension(id: string, value: Der, critical = false): Der {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** dNSName [2] or iPAddress [7] (4 or 16 octets). */
function generalName(host: string): Der {
  const family = isIP(host);
  if (family === 4) return implicit(7, Buffer.from(host.split('.').map(Number)));
  if (family === 6) return implicit(7, ipv6Bytes(host));
  return implicit(2, Buffer.from(host, 'ascii'));
}

function ipv6Bytes(host: string): Buffer {
  const [head, tail = ''] = host.split('::');
  const parts = (s: string) => (s === '' ? [] : s.split(':'));
  const h = parts(head);
  const t = parts(tail);
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.from(groups.flatMap((g) => [Math.floor(parseInt(g, 16) / 256), parseInt(g, 16) % 256]));
}

function pem(label: string, der: Der): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
