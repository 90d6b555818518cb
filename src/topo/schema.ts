/**
 * The JSON Schema of a topology document (draft-07, checked with ajv). It describes the document
 * after `${var}` substitution and `count:` expansion (see document.ts); cross-references
 * (namespaces, masters, lower devices) are checked after it, in validate.ts.
 */
import { KIND_DRIVERS } from '../api/kinds/index.js';
import { QDISC_DRIVERS } from '../api/tc/qdiscs/index.js';

const name = { type: 'string', minLength: 1, maxLength: 15, pattern: '^[^/:\\s]+$' };
const sysctlValue = { type: ['string', 'number'] };

/** The device-level sysctls labs need, written under /proc/sys/net/ipv{4,6}/conf/DEV/. */
export const DEVICE_SYSCTLS = ['forwarding', 'rp_filter', 'accept_ra'] as const;
/** The namespace-level sysctls, written under /proc/sys/net/. */
export const NAMESPACE_SYSCTLS = ['ip_forward', 'ipv6_forwarding'] as const;

const deviceSysctls = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(DEVICE_SYSCTLS.map((k) => [k, sysctlValue])),
};

const end = {
  name,
  netns: { type: 'string' },
  up: { type: 'boolean' },
  mtu: { type: 'integer', minimum: 68, maximum: 65535 },
  master: { type: 'string' },
  addresses: { type: 'array', items: { type: 'string' } },
  sysctls: deviceSysctls,
};

export const TOPOLOGY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
    vars: { type: 'object' },
    namespaces: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, pattern: '^[^/\\s]+$' },
          sysctls: {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(NAMESPACE_SYSCTLS.map((k) => [k, sysctlValue])),
          },
        },
      },
    },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'kind'],
        additionalProperties: false,
        properties: {
          ...end,
          kind: { enum: Object.keys(KIND_DRIVERS) },
          link: { type: 'string' },
          options: { type: 'object' },
          peer: { type: 'object', required: ['name'], additionalProperties: false, properties: end },
        },
      },
    },
    routes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['dst'],
        additionalProperties: false,
        properties: {
          netns: { type: 'string' },
          dst: { type: 'string' },
          via: { type: 'string' },
          dev: { type: 'string' },
          table: { type: 'integer', minimum: 1 },
          metric: { type: 'integer', minimum: 0 },
        },
      },
    },
    neighbours: {
      type: 'array',
      items: {
        type: 'object',
        required: ['dst', 'dev', 'lladdr'],
        additionalProperties: false,
        properties: {
          netns: { type: 'string' },
          dst: { type: 'string' },
          dev: { type: 'string' },
          lladdr: { type: 'string', pattern: '^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$' },
        },
      },
    },
    qdiscs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['dev', 'kind'],
        additionalProperties: false,
        properties: {
          netns: { type: 'string' },
          dev: { type: 'string' },
          parent: { enum: ['root', 'ingress'] },
          handle: { type: 'string' },
          kind: { enum: Object.keys(QDISC_DRIVERS) },
          options: { type: 'object' },
        },
      },
    },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['table', 'priority'],
        additionalProperties: false,
        properties: {
          netns: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          table: { type: 'integer', minimum: 1 },
          priority: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
} as const;
