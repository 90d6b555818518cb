// Shared by the fixture capture scripts: how strace is asked for the netlink datagrams a command
// exchanges, and how its hex dumps are read back.

/** strace options: the four socket calls, full hex dumps of their data, no other output. */
export const STRACE_NETLINK = '-qq -e trace=sendmsg,recvmsg,sendto,recvfrom -e write=all -e read=all -s 0';

/** The datagrams of a trace, in order: [{ dir: 'send' | 'recv', hex }]. */
export function straceDatagrams(trace) {
  const out = [];
  let cur;
  for (const line of trace.split('\n')) {
    const call = /^(sendmsg|recvmsg|sendto|recvfrom)\(/.exec(line);
    if (call) { cur = { dir: call[1].startsWith('send') ? 'send' : 'recv', hex: '' }; continue; }
    // strace's hex dump: ' | 00010  hh hh .. hh  hh .. hh  ascii |' (16 bytes in 49 columns)
    if (/^ \| [0-9a-f]{5}  /.test(line) && cur) {
      if (cur.hex === '') out.push(cur);
      cur.hex += line.slice(10, 59).replace(/ /g, '');
    }
  }
  return out;
}
