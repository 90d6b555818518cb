/*
 * rtnl-ts-exec NAME CMD [ARG...]: run CMD inside the named network namespace /run/netns/NAME the
 * way `ip netns exec` does, for rtnl-ts's netns.exec (a multi-threaded Node process cannot
 * unshare its mount namespace, so this small single-threaded program does it).
 *
 * Steps: join the network namespace (setns), take a private copy of the mount namespace, stop
 * mount events from flowing back (make / a recursive slave), remount /sys so that it lists the
 * namespace's devices (read-only if it was), bind each /etc/netns/NAME/FILE over /etc/FILE, and
 * execvp the command, which then replaces this process: its exit status and signals are its own.
 * Exit status of the helper's own failures: 125 (entering the namespace), 126 (CMD cannot be
 * executed), 127 (CMD not found). With RTNL_TS_EXEC_ERRORS=iproute2 in its environment (removed
 * before CMD runs) it reports them as `ip netns exec` does instead: ip's words, no prefix,
 * status 255 for entering the namespace and 1 for CMD.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* Report iproute2's way (ip netns exec's words and statuses) rather than with our own codes. */
static int ip_style;

/* A failure to enter the namespace: our words, or ip's (`ip_words`, formatted with `what`). */
static int fail(const char *step, const char *what, const char *ip_words)
{
	if (ip_style) {
		fprintf(stderr, ip_words, what);
		fprintf(stderr, ": %s\n", strerror(errno));
		return 255;
	}
	fprintf(stderr, "rtnl-ts-exec: %s %s: %s\n", step, what, strerror(errno));
	return 125;
}

/* Bind every entry of /etc/netns/NAME over the same name in /etc; a failed bind is reported. */
static void bind_etc(const char *name)
{
	char dir[PATH_MAX], src[PATH_MAX], dst[PATH_MAX];
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "/etc/netns/%s", name);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(src, sizeof(src), "%s/%s", dir, e->d_name);
		snprintf(dst, sizeof(dst), "/etc/%s", e->d_name);
		if (mount(src, dst, "none", MS_BIND, NULL) < 0)
			fprintf(stderr, ip_style ? "Bind %s -> %s failed: %s\n" : "rtnl-ts-exec: bind %s -> %s: %s\n",
				src, dst, strerror(errno));
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	char path[PATH_MAX];
	unsigned long sysflags = 0;
	struct statvfs sv;
	const char *name, *style;
	int fd, err;

	style = getenv("RTNL_TS_EXEC_ERRORS");
	if (style) {
		ip_style = !strcmp(style, "iproute2");
		unsetenv("RTNL_TS_EXEC_ERRORS");
	}

	if (argc < 3) {
		fprintf(stderr, "usage: rtnl-ts-exec NAME CMD [ARG...]\n");
		return 125;
	}
	name = argv[1];
	if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) {
		fprintf(stderr, "rtnl-ts-exec: invalid netns name \"%s\"\n", name);
		return 125;
	}
	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("cannot open network namespace", ip_style ? name : path, "Cannot open network namespace \"%s\"");
	if (setns(fd, CLONE_NEWNET) < 0)
		return fail("setns", ip_style ? name : path, "setting the network namespace \"%s\" failed");
	close(fd);
	if (unshare(CLONE_NEWNS) < 0)
		return fail("unshare", ip_style ? "" : "CLONE_NEWNS", "unshare failed%s");
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
		return fail("make-rslave", "/", "\"mount --make-rslave %s\" failed");

	/* A sysfs mount shows the devices of the namespace of whoever mounts it. */
	if (statvfs("/sys", &sv) == 0 && (sv.f_flag & ST_RDONLY))
		sysflags = MS_RDONLY;
	umount2("/sys", MNT_DETACH); /* nothing mounted there is fine too */
	if (mount(name, "/sys", "sysfs", sysflags, NULL) < 0)
		return fail("mount sysfs on", "/sys", "mount of %s failed");

	bind_etc(name);

	execvp(argv[2], argv + 2);
	err = errno;
	fprintf(stderr, "%sexec of \"%s\" failed: %s\n", ip_style ? "" : "rtnl-ts-exec: ", argv[2], strerror(err));
	if (ip_style)
		return 1;
	return err == ENOENT ? 127 : 126;
}
