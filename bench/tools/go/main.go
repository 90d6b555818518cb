// The Go peer: github.com/vishvananda/netlink (Debian's golang-github-vishvananda-netlink-dev)
// doing each workload in process through its idiomatic calls; run by bench/run.js inside the
// workload's namespace. Prints one JSON line like the floor. Built by bench/peers.js in GOPATH
// mode against /usr/share/gocode (no modules, no network).
//
//	rtnl-bench-go veth N | linkdump | addradd DEV N | addrdump | routedump | netns N | selftest
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
	"golang.org/x/sys/unix"
)

// procStatusKb reads one "Key:  N kB" line of /proc/self/status.
func procStatusKb(key string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, key) {
			fields := strings.Fields(line[len(key):])
			if len(fields) > 0 {
				n, _ := strconv.ParseInt(fields[0], 10, 64)
				return n
			}
		}
	}
	return 0
}

// addr is 198.18.0.0/15 address number i (RFC 2544's benchmarking range), as the other tools.
func addr(i int) net.IP {
	return net.IPv4(198, byte(18+(i>>16)), byte((i>>8)&255), byte(i&255))
}

func veth(h *netlink.Handle, n int) (int, error) {
	for i := 0; i < n; i++ {
		v := &netlink.Veth{LinkAttrs: netlink.LinkAttrs{Name: fmt.Sprintf("va%d", i)}, PeerName: fmt.Sprintf("vb%d", i)}
		if err := h.LinkAdd(v); err != nil {
			return i, err
		}
	}
	return n, nil
}

func linkdump(h *netlink.Handle) (int, error) {
	links, err := h.LinkList()
	count := 0
	for _, l := range links {
		if l.Attrs().Name != "" {
			count++
		}
	}
	return count, err
}

func addradd(h *netlink.Handle, dev string, n int) (int, error) {
	// The device is looked up once, as the floor does.
	link, err := h.LinkByName(dev)
	if err != nil {
		return 0, err
	}
	for i := 0; i < n; i++ {
		a := &netlink.Addr{IPNet: &net.IPNet{IP: addr(i), Mask: net.CIDRMask(32, 32)}}
		if err := h.AddrAdd(link, a); err != nil {
			return i, err
		}
	}
	return n, nil
}

func addrdump(h *netlink.Handle) (int, error) {
	addrs, err := h.AddrList(nil, netlink.FAMILY_V4)
	count := 0
	for _, a := range addrs {
		if a.IPNet != nil {
			count++
		}
	}
	return count, err
}

// routedump gathers the whole dump (the library has no streaming form): every table, as the
// other tools' `table all`.
func routedump(h *netlink.Handle) (int, error) {
	routes, err := h.RouteListFiltered(netlink.FAMILY_V4, &netlink.Route{Table: unix.RT_TABLE_UNSPEC}, netlink.RT_FILTER_TABLE)
	count := 0
	for _, r := range routes {
		if r.Table != 0 {
			count++
		}
	}
	return count, err
}

// netnsCycle creates n named namespaces (NewNamed moves this thread into each, so it is locked
// and moved back every time) and then deletes them.
func netnsCycle(n int) (int, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	orig, err := netns.Get()
	if err != nil {
		return 0, err
	}
	defer orig.Close()
	for i := 0; i < n; i++ {
		ns, err := netns.NewNamed(fmt.Sprintf("gonl%d", i))
		if err != nil {
			return i, err
		}
		if err := netns.Set(orig); err != nil {
			return i, err
		}
		ns.Close()
	}
	for i := 0; i < n; i++ {
		if err := netns.DeleteNamed(fmt.Sprintf("gonl%d", i)); err != nil {
			return i, err
		}
	}
	return n, nil
}

// selftest checks, once after the build and untimed, that the calls the workloads use work on
// this kernel: a veth pair made, found by a dump, deleted, gone.
func selftest(h *netlink.Handle) (int, error) {
	if _, err := veth(h, 1); err != nil {
		return 0, err
	}
	if n, err := linkdump(h); err != nil || n < 3 {
		return 0, fmt.Errorf("link dump after add: %d links, %v", n, err)
	}
	l, err := h.LinkByName("va0")
	if err != nil {
		return 0, err
	}
	if err := h.LinkDel(l); err != nil {
		return 0, fmt.Errorf("link del: %v", err)
	}
	if n, err := linkdump(h); err != nil || n != 1 {
		return 0, fmt.Errorf("link dump after del: %d links, %v", n, err)
	}
	return 1, nil
}

func run(mode string, args []string) (int, error) {
	num := func(i int) int {
		n, err := strconv.Atoi(args[i])
		if err != nil {
			panic(err)
		}
		return n
	}
	if mode == "netns" {
		return netnsCycle(num(0))
	}
	h, err := netlink.NewHandle()
	if err != nil {
		return 0, err
	}
	defer h.Delete()
	switch mode {
	case "veth":
		return veth(h, num(0))
	case "linkdump":
		return linkdump(h)
	case "addradd":
		return addradd(h, args[0], num(1))
	case "addrdump":
		return addrdump(h)
	case "routedump":
		return routedump(h)
	case "selftest":
		return selftest(h)
	}
	return 0, fmt.Errorf("unknown mode %s", mode)
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: rtnl-bench-go MODE [ARG...]")
		os.Exit(2)
	}
	rss0 := procStatusKb("VmRSS:")
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	t0 := time.Now()
	count, err := run(os.Args[1], os.Args[2:])
	ms := float64(time.Since(t0).Nanoseconds()) / 1e6
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	growth := procStatusKb("VmHWM:") - rss0
	if growth < 0 {
		growth = 0
	}
	out, _ := json.Marshal(map[string]interface{}{"ms": ms, "count": count, "rssGrowth": growth * 1024})
	fmt.Println(string(out))
}
