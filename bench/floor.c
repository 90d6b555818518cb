/*
 * The floor of the benchmarks: raw rtnetlink with the least userspace work there can be, so the
 * kernel's own cost plus a minimum. Dumps walk the messages and read the ifindex, the name and the
 * attribute headers without building anything; creates send one request per object and wait for
 * its ack, or (the pipe modes) pack many into each send as rtnl-ts's ip.batch does. Also a timer
 * for whole processes (iproute2, start-up).
 *
 *   floor veth N               create N veth pairs va<i> / vb<i>
 *   floor vethpipe N           the same requests, pipelined (see pipelined())
 *   floor linkdump             RTM_GETLINK dump
 *   floor addradd DEV N        add 198.18.<i/256>.<i%256>/32 to DEV, N times
 *   floor addrpipe DEV N       the same requests, pipelined
 *   floor addrdump             RTM_GETADDR dump (AF_INET)
 *   floor routedump            RTM_GETROUTE dump (AF_INET, every table)
 *   floor netns N              create N named namespaces (as `ip netns add`), then delete them
 *   floor timeit CMD ARG...    run CMD with stdout on /dev/null; report its wall time and max RSS
 *
 * Each mode prints one JSON line: {"ms": work time, "count": objects, "rssGrowth": bytes}.
 * Built by bench/run.js with `cc -O2`.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RECV_SIZE (64 * 1024)
/* The most request bytes per send in the pipe modes: BATCH_BYTES of rtnl-ts's conn.ts. */
#define BATCH_BYTES (32 * 1024)

static int fd;
static uint32_t seq;
static char rbuf[RECV_SIZE] __attribute__((aligned(4)));

static void die(const char *what) {
  perror(what);
  exit(2);
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Peak RSS since the last reset (VmHWM) and the current RSS (VmRSS), in bytes. */
static long proc_status_kb(const char *key) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long v = -1;
  size_t n = strlen(key);
  if (!f) return -1;
  while (fgets(line, sizeof line, f))
    if (strncmp(line, key, n) == 0) { v = atol(line + n); break; }
  fclose(f);
  return v;
}

static void reset_peak_rss(void) {
  int c = open("/proc/self/clear_refs", O_WRONLY);
  if (c >= 0) { if (write(c, "5", 1) < 0) {} close(c); }
}

static void nl_open(void) {
  struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
  int one = 1;
  fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd < 0) die("socket");
  if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) die("bind");
  setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
}

/* Attribute writer over a request buffer. */
struct req {
  struct nlmsghdr *h;
  char buf[1024] __attribute__((aligned(4)));
};

static void req_init(struct req *r, uint16_t type, uint16_t flags, const void *fixed, size_t len) {
  memset(r->buf, 0, sizeof r->buf);
  r->h = (struct nlmsghdr *)r->buf;
  r->h->nlmsg_type = type;
  r->h->nlmsg_flags = NLM_F_REQUEST | flags;
  r->h->nlmsg_seq = ++seq;
  r->h->nlmsg_len = NLMSG_LENGTH(len);
  memcpy(NLMSG_DATA(r->h), fixed, len);
}

static struct rtattr *attr(struct req *r, uint16_t type, const void *data, size_t len) {
  struct rtattr *a = (struct rtattr *)(r->buf + NLMSG_ALIGN(r->h->nlmsg_len));
  a->rta_type = type;
  a->rta_len = RTA_LENGTH(len);
  if (len) memcpy(RTA_DATA(a), data, len);
  r->h->nlmsg_len = NLMSG_ALIGN(r->h->nlmsg_len) + RTA_ALIGN(a->rta_len);
  return a;
}

static void attr_end(struct req *r, struct rtattr *nest) {
  nest->rta_len = (char *)r->buf + r->h->nlmsg_len - (char *)nest;
}

static void send_req(struct req *r) {
  if (send(fd, r->buf, r->h->nlmsg_len, 0) < 0) die("send");
}

/*
 * Wait for the acks of the requests numbered first..last, which the kernel sends in that order;
 * exit on an error or an ack out of order.
 */
static void wait_acks(uint32_t first, uint32_t last) {
  uint32_t next = first;
  while (next - first <= last - first) {
    ssize_t n = recv(fd, rbuf, sizeof rbuf, 0);
    if (n < 0) die("recv");
    for (struct nlmsghdr *h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type != NLMSG_ERROR) continue;
      if (h->nlmsg_seq != next) {
        fprintf(stderr, "floor: ack of request %u, expected %u\n", h->nlmsg_seq, next);
        exit(2);
      }
      int err = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
      if (err) { errno = -err; die("request"); }
      next++;
    }
  }
}

/* Wait for the ack of the last request; exit on an error. */
static void wait_ack(void) {
  wait_acks(seq, seq);
}

/* Run a dump, calling `each` on every message of the answer; returns the message count. */
static long dump(struct req *r, void (*each)(struct nlmsghdr *)) {
  long count = 0;
  send_req(r);
  for (;;) {
    ssize_t n = recv(fd, rbuf, sizeof rbuf, 0);
    if (n < 0) die("recv");
    for (struct nlmsghdr *h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE) return count;
      if (h->nlmsg_type == NLMSG_ERROR) { errno = -((struct nlmsgerr *)NLMSG_DATA(h))->error; die("dump"); }
      each(h);
      count++;
    }
  }
}

/* What the dumps read: enough that the walk cannot be optimised away. */
static unsigned long sink;

static void walk_attrs(struct rtattr *a, int len) {
  for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) sink += a->rta_type;
}

static void each_link(struct nlmsghdr *h) {
  struct ifinfomsg *ifi = NLMSG_DATA(h);
  struct rtattr *a = IFLA_RTA(ifi);
  int len = IFLA_PAYLOAD(h);
  sink += ifi->ifi_index;
  for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    if (a->rta_type == IFLA_IFNAME) sink += strlen(RTA_DATA(a));
    sink += a->rta_type;
  }
}

static void each_addr(struct nlmsghdr *h) {
  struct ifaddrmsg *ifa = NLMSG_DATA(h);
  sink += ifa->ifa_index;
  walk_attrs(IFA_RTA(ifa), IFA_PAYLOAD(h));
}

static void each_route(struct nlmsghdr *h) {
  struct rtmsg *rtm = NLMSG_DATA(h);
  sink += rtm->rtm_dst_len;
  walk_attrs(RTM_RTA(rtm), RTM_PAYLOAD(h));
}

/* The requests of the creates: object i of the workload. */
typedef void build_fn(struct req *r, long i);

/* W1: the veth pair va<i> / vb<i>. */
static void veth_req(struct req *r, long i) {
  struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
  char name[32], peer[32];
  snprintf(name, sizeof name, "va%ld", i);
  snprintf(peer, sizeof peer, "vb%ld", i);
  req_init(r, RTM_NEWLINK, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, &ifi, sizeof ifi);
  attr(r, IFLA_IFNAME, name, strlen(name) + 1);
  struct rtattr *info = attr(r, IFLA_LINKINFO, NULL, 0);
  attr(r, IFLA_INFO_KIND, "veth", 4);
  struct rtattr *data = attr(r, IFLA_INFO_DATA, NULL, 0);
  struct rtattr *p = attr(r, VETH_INFO_PEER, &ifi, sizeof ifi);
  attr(r, IFLA_IFNAME, peer, strlen(peer) + 1);
  attr_end(r, p);
  attr_end(r, data);
  attr_end(r, info);
}

/* W3: address number i on the device addr_index (looked up once, by dev_index()). */
static int addr_index;

static void addr_req(struct req *r, long i) {
  struct ifaddrmsg ifa = { .ifa_family = AF_INET, .ifa_prefixlen = 32, .ifa_index = addr_index };
  unsigned char a[4] = { 198, 18 + (i >> 16), (i >> 8) & 255, i & 255 };
  req_init(r, RTM_NEWADDR, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, &ifa, sizeof ifa);
  attr(r, IFA_LOCAL, a, 4);
  attr(r, IFA_ADDRESS, a, 4);
}

static void dev_index(const char *dev) {
  addr_index = if_nametoindex(dev);
  if (!addr_index) die(dev);
}

/* One request per object, each sent alone and its ack awaited. */
static long one_by_one(build_fn *build, long n) {
  for (long i = 0; i < n; i++) {
    struct req r;
    build(&r, i);
    send_req(&r);
    wait_ack();
  }
  return n;
}

/*
 * Pipelined, as rtnl-ts's ip.batch (sendPacked in src/netlink/conn.ts): the requests packed back
 * to back, 4-byte aligned, as many per send as keep it within BATCH_BYTES (always at least one),
 * then every ack of that send read, in order, before the next. The kernel handles a send's
 * messages one after the other and queues their acks on the socket before send returns, so the
 * receive buffer is made as large as rtnl-ts's (1 MiB) for them to fit.
 */
static char pbuf[BATCH_BYTES] __attribute__((aligned(4)));

static long pipelined(build_fn *build, long n) {
  int rcvbuf = 1 << 20;
  if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) < 0) die("SO_RCVBUFFORCE");
  struct req r;
  long i = 0;
  if (n > 0) build(&r, i);
  while (i < n) {
    size_t len = 0;
    uint32_t first = r.h->nlmsg_seq, last;
    do {
      last = r.h->nlmsg_seq;
      memcpy(pbuf + len, r.buf, r.h->nlmsg_len);
      len += NLMSG_ALIGN(r.h->nlmsg_len);
      if (++i < n) build(&r, i);
    } while (i < n && len + NLMSG_ALIGN(r.h->nlmsg_len) <= BATCH_BYTES);
    if (send(fd, pbuf, len, 0) < 0) die("send");
    wait_acks(first, last);
  }
  return n;
}

/* As `ip netns add`: /run/netns a shared mount, a file per namespace with the namespace bound on it. */
static long netns(long n) {
  char path[64];
  int home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (home < 0) die("open ns");
  mkdir("/run/netns", 0755);
  if (mount("", "/run/netns", "none", MS_SHARED | MS_REC, NULL) < 0) {
    if (errno != EINVAL) die("make-shared");
    if (mount("/run/netns", "/run/netns", "none", MS_BIND | MS_REC, NULL) < 0) die("bind");
    if (mount("", "/run/netns", "none", MS_SHARED | MS_REC, NULL) < 0) die("make-shared");
  }
  for (long i = 0; i < n; i++) {
    snprintf(path, sizeof path, "/run/netns/floor%ld", i);
    int f = open(path, O_RDONLY | O_CREAT | O_EXCL, 0);
    if (f < 0) die(path);
    close(f);
    if (unshare(CLONE_NEWNET) < 0) die("unshare");
    if (mount("/proc/self/ns/net", path, "none", MS_BIND, NULL) < 0) die("bind ns");
    if (setns(home, CLONE_NEWNET) < 0) die("setns");
  }
  for (long i = 0; i < n; i++) {
    snprintf(path, sizeof path, "/run/netns/floor%ld", i);
    if (umount2(path, MNT_DETACH) < 0) die("umount");
    if (unlink(path) < 0) die("unlink");
  }
  return n;
}

static int timeit(char **argv) {
  struct rusage ru;
  int status;
  double t0 = now_ms();
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    execvp(argv[0], argv);
    _exit(127);
  }
  if (wait4(pid, &status, 0, &ru) < 0) die("wait4");
  double ms = now_ms() - t0;
  printf("{\"ms\":%.3f,\"count\":0,\"maxRss\":%ld,\"status\":%d}\n", ms, ru.ru_maxrss * 1024L,
         WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: floor MODE ...\n"); return 2; }
  const char *mode = argv[1];
  if (strcmp(mode, "timeit") == 0) return timeit(argv + 2);

  long rss0 = proc_status_kb("VmRSS:");
  reset_peak_rss();
  double t0 = now_ms();
  long count;
  nl_open();
  if (strcmp(mode, "veth") == 0 && argc == 3) count = one_by_one(veth_req, atol(argv[2]));
  else if (strcmp(mode, "vethpipe") == 0 && argc == 3) count = pipelined(veth_req, atol(argv[2]));
  else if (strcmp(mode, "addradd") == 0 && argc == 4) { dev_index(argv[2]); count = one_by_one(addr_req, atol(argv[3])); }
  else if (strcmp(mode, "addrpipe") == 0 && argc == 4) { dev_index(argv[2]); count = pipelined(addr_req, atol(argv[3])); }
  else if (strcmp(mode, "netns") == 0 && argc == 3) count = netns(atol(argv[2]));
  else {
    struct req r;
    if (strcmp(mode, "linkdump") == 0) {
      struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
      req_init(&r, RTM_GETLINK, NLM_F_DUMP, &ifi, sizeof ifi);
      count = dump(&r, each_link);
    } else if (strcmp(mode, "addrdump") == 0) {
      struct ifaddrmsg ifa = { .ifa_family = AF_INET };
      req_init(&r, RTM_GETADDR, NLM_F_DUMP, &ifa, sizeof ifa);
      count = dump(&r, each_addr);
    } else if (strcmp(mode, "routedump") == 0) {
      struct rtmsg rtm = { .rtm_family = AF_INET };
      req_init(&r, RTM_GETROUTE, NLM_F_DUMP, &rtm, sizeof rtm);
      count = dump(&r, each_route);
    } else {
      fprintf(stderr, "floor: unknown mode %s\n", mode);
      return 2;
    }
  }
  close(fd);
  double ms = now_ms() - t0;
  long hwm = proc_status_kb("VmHWM:");
  printf("{\"ms\":%.3f,\"count\":%ld,\"rssGrowth\":%ld,\"sink\":%lu}\n", ms, count,
         (hwm > rss0 ? hwm - rss0 : 0) * 1024L, sink & 1);
  return 0;
}
