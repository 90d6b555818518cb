"""pyroute2 (Debian's python3-pyroute2) doing each workload in process; run by bench/run.js
with /usr/bin/python3 inside the workload's namespace. Prints one JSON line like the floor."""
import json
import socket
import sys
import time

T_IMPORT = time.monotonic()
from pyroute2 import IPRoute, netns  # noqa: E402


def proc_status_kb(key):
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1])
    return 0


def addr_text(i):
    return '198.%d.%d.%d' % (18 + (i >> 16), (i >> 8) & 255, i & 255)


def veth(n):
    with IPRoute() as ipr:
        for i in range(n):
            ipr.link('add', ifname='va%d' % i, kind='veth', peer='vb%d' % i)
    return n


def linkdump():
    with IPRoute() as ipr:
        links = ipr.get_links()
        # pyroute2 decodes the attributes when the message is parsed; read each link's name
        return sum(1 for link in links if link.get_attr('IFLA_IFNAME') is not None)


def addradd(dev, n):
    with IPRoute() as ipr:
        index = ipr.link_lookup(ifname=dev)[0]
        for i in range(n):
            ipr.addr('add', index=index, address=addr_text(i), prefixlen=32)
    return n


def addrdump():
    with IPRoute() as ipr:
        addrs = ipr.get_addr(family=socket.AF_INET)
        return sum(1 for a in addrs if a.get_attr('IFA_ADDRESS') is not None)


def routedump():
    # nlm_generator: the dump is parsed and handed over message by message (pyroute2's streaming)
    with IPRoute(nlm_generator=True) as ipr:
        count = 0
        for route in ipr.get_routes(family=socket.AF_INET):
            route.get_attr('RTA_TABLE')
            count += 1
        return count


def routelist():
    # The whole dump parsed and kept (pyroute2's default, without nlm_generator)
    with IPRoute() as ipr:
        routes = ipr.get_routes(family=socket.AF_INET)
        return sum(1 for route in routes if route.get_attr('RTA_TABLE') is not None)


def netns_cycle(n):
    for i in range(n):
        netns.create('pyr%d' % i)
    for i in range(n):
        netns.remove('pyr%d' % i)
    return n


def main(argv):
    mode, args = argv[0], argv[1:]
    rss0 = proc_status_kb('VmRSS:')
    with open('/proc/self/clear_refs', 'w') as f:
        f.write('5')
    t0 = time.monotonic()
    if mode == 'veth':
        count = veth(int(args[0]))
    elif mode == 'linkdump':
        count = linkdump()
    elif mode == 'addradd':
        count = addradd(args[0], int(args[1]))
    elif mode == 'addrdump':
        count = addrdump()
    elif mode == 'routedump':
        count = routedump()
    elif mode == 'routelist':
        count = routelist()
    elif mode == 'netns':
        count = netns_cycle(int(args[0]))
    else:
        raise SystemExit('unknown mode ' + mode)
    ms = (time.monotonic() - t0) * 1e3
    hwm = proc_status_kb('VmHWM:')
    print(json.dumps({'ms': ms, 'count': count, 'rssGrowth': max(0, hwm - rss0) * 1024,
                      'importMs': (t0 - T_IMPORT) * 1e3}))


if __name__ == '__main__':
    main(sys.argv[1:])
