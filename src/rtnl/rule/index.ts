/**
 * The rtnetlink rule family (FIB rules, `ip rule`): constants, struct fib_rule_hdr and its
 * range structs, the FRA_* table, messages, action names, `Rule`.
 * @module
 */
export * from './constants.js';
export * from './fibrulehdr.js';
export * from './attrs.js';
export * from './message.js';
export * from './names.js';
export * from './rule.js';
