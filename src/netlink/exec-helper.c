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
 * executed), 127 (CMD not found).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

static int fail(const char *step, const char *what)
{
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
			fprintf(stderr, "rtnl-ts-exec: bind %s -> %s: %s\n", src, dst, strerror(errno));
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	char path[PATH_MAX];
	unsigned long sysflags = 0;
	struct statvfs sv;
	const char *name;
	int fd, err;

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
		return fail("cannot open network namespace", path);
	if (setns(fd, CLONE_NEWNET) < 0)
		return fail("setns", path);
	close(fd);
	if (unshare(CLONE_NEWNS) < 0)
		return fail("unshare", "CLONE_NEWNS");
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
		return fail("make-rslave", "/");

	/* A sysfs mount shows the devices of the namespace of whoever mounts it. */
	if (statvfs("/sys", &sv) == 0 && (sv.f_flag & ST_RDONLY))
		sysflags = MS_RDONLY;
	umount2("/sys", MNT_DETACH); /* nothing mounted there is fine too */
	if (mount(name, "/sys", "sysfs", sysflags, NULL) < 0)
		return fail("mount sysfs on", "/sys");

	bind_etc(name);

	execvp(argv[2], argv + 2);
	err = errno;
	fprintf(stderr, "rtnl-ts-exec: exec of \"%s\" failed: %s\n", argv[2], strerror(err));
	return err == ENOENT ? 127 : 126;
}
