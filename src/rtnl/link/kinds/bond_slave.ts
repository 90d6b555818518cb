/**
 * Slave kind "bond" (drivers/net/bonding/bond_netlink.c, bond_fill_slave_info): the
 * IFLA_BOND_SLAVE_* attributes of IFLA_INFO_SLAVE_DATA on a device enslaved to a bond.
 */
import { AttrTable, s32, u8, u16, u32, type RawAttr } from '../../../netlink/index.js';
import { lladdr } from '../../common.js';
import { tableKind, type KindCodec } from '../kind.js';

// IFLA_BOND_SLAVE_*: children of IFLA_INFO_SLAVE_DATA for slave kind "bond"
export const IFLA_BOND_SLAVE_STATE = 1;
export const IFLA_BOND_SLAVE_MII_STATUS = 2;
export const IFLA_BOND_SLAVE_LINK_FAILURE_COUNT = 3;
export const IFLA_BOND_SLAVE_PERM_HWADDR = 4;
export const IFLA_BOND_SLAVE_QUEUE_ID = 5;
export const IFLA_BOND_SLAVE_AD_AGGREGATOR_ID = 6;
export const IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE = 7;
export const IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE = 8;
export const IFLA_BOND_SLAVE_PRIO = 9;
export const IFLA_BOND_SLAVE_ACTOR_PORT_PRIO = 10;
export const IFLA_BOND_SLAVE_AD_CHURN_ACTOR_STATE = 11;
export const IFLA_BOND_SLAVE_AD_CHURN_PARTNER_STATE = 12;

// BOND_STATE_* and BOND_LINK_* (<linux/if_bonding.h>): values of STATE and MII_STATUS
export const BOND_STATE_ACTIVE = 0;
export const BOND_STATE_BACKUP = 1;
export const BOND_LINK_UP = 0;
export const BOND_LINK_FAIL = 1;
export const BOND_LINK_DOWN = 2;
export const BOND_LINK_BACK = 3;

// LACP_STATE_* (<linux/if_bonding.h>): bits of the 802.3ad port states
export const LACP_STATE_LACP_ACTIVITY = 0x1;
export const LACP_STATE_LACP_TIMEOUT = 0x2;
export const LACP_STATE_AGGREGATION = 0x4;
export const LACP_STATE_SYNCHRONIZATION = 0x8;
export const LACP_STATE_COLLECTING = 0x10;
export const LACP_STATE_DISTRIBUTING = 0x20;
export const LACP_STATE_DEFAULTED = 0x40;
export const LACP_STATE_EXPIRED = 0x80;

/** IFLA_INFO_SLAVE_DATA of a bond's port: one field per IFLA_BOND_SLAVE_* attribute. */
export interface BondPortInfo {
  /** BOND_STATE_*. */
  state?: number;
  /** BOND_LINK_*. */
  miiStatus?: number;
  linkFailureCount?: number;
  permHwaddr?: string;
  queueId?: number;
  adAggregatorId?: number;
  /** LACP_STATE_* bits. */
  adActorOperPortState?: number;
  /** LACP_STATE_* bits. */
  adPartnerOperPortState?: number;
  prio?: number;
  actorPortPrio?: number;
  adChurnActorState?: number;
  adChurnPartnerState?: number;
  unknown?: RawAttr[];
}

/** The IFLA_BOND_SLAVE_* attribute table. */
export const bondPortTable = new AttrTable<BondPortInfo>('IFLA_BOND_SLAVE', [
  { id: IFLA_BOND_SLAVE_STATE, name: 'state', codec: u8 },
  { id: IFLA_BOND_SLAVE_MII_STATUS, name: 'miiStatus', codec: u8 },
  { id: IFLA_BOND_SLAVE_LINK_FAILURE_COUNT, name: 'linkFailureCount', codec: u32 },
  { id: IFLA_BOND_SLAVE_PERM_HWADDR, name: 'permHwaddr', codec: lladdr },
  { id: IFLA_BOND_SLAVE_QUEUE_ID, name: 'queueId', codec: u16 },
  { id: IFLA_BOND_SLAVE_AD_AGGREGATOR_ID, name: 'adAggregatorId', codec: u16 },
  { id: IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE, name: 'adActorOperPortState', codec: u8 },
  { id: IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE, name: 'adPartnerOperPortState', codec: u16 },
  { id: IFLA_BOND_SLAVE_PRIO, name: 'prio', codec: s32 },
  { id: IFLA_BOND_SLAVE_ACTOR_PORT_PRIO, name: 'actorPortPrio', codec: u16 },
  { id: IFLA_BOND_SLAVE_AD_CHURN_ACTOR_STATE, name: 'adChurnActorState', codec: u8 },
  { id: IFLA_BOND_SLAVE_AD_CHURN_PARTNER_STATE, name: 'adChurnPartnerState', codec: u8 },
]);

/** The codec of a bond port's IFLA_INFO_SLAVE_DATA. */
export const bondSlaveKind: KindCodec<BondPortInfo> = tableKind(bondPortTable);
