package org.jlibos.kernel.socket;

import java.util.Arrays;

/**
 * A process's file-descriptor table. New descriptors take the lowest free number, as POSIX
 * requires; 0, 1 and 2 are the standard streams, so sockets start at 3. Limit: 1024
 * descriptors (Linux's default RLIMIT_NOFILE soft limit), then EMFILE.
 */
public final class FileTable {

    public static final int FIRST_FD = 3;
    public static final int MAX_FDS = 1024;

    private OpenFile[] files = new OpenFile[16];
    private int[] refs = new int[16];

    /** Installs {@code file} at the lowest free descriptor. */
    public int install(OpenFile file) throws ErrnoException {
        for (int fd = FIRST_FD; fd < MAX_FDS; fd++) {
            if (fd >= files.length) {
                files = Arrays.copyOf(files, Math.min(MAX_FDS, files.length * 2));
                refs = Arrays.copyOf(refs, files.length);
            }
            if (files[fd] == null) {
                files[fd] = file;
                return fd;
            }
        }
        throw new ErrnoException("socket", Errno.EMFILE);
    }

    /** The file at {@code fd}; EBADF when none. */
    public OpenFile get(String call, int fd) throws ErrnoException {
        if (fd < 0 || fd >= files.length || files[fd] == null) {
            throw new ErrnoException(call, Errno.EBADF);
        }
        return files[fd];
    }

    /** The socket at {@code fd}; EBADF or ENOTSOCK. */
    public Socket socket(String call, int fd) throws ErrnoException {
        OpenFile f = get(call, fd);
        if (f instanceof Socket s) {
            return s;
        }
        throw new ErrnoException(call, Errno.ENOTSOCK);
    }

    /** dup(2) of a descriptor: the file is released when its last descriptor closes. */
    public int dup(int fd) throws ErrnoException {
        OpenFile f = get("dup", fd);
        int copy = install(f);
        refs[fd]++;
        refs[copy] = refs[fd];
        return copy;
    }

    public void close(int fd) throws ErrnoException {
        OpenFile f = get("close", fd);
        files[fd] = null;
        boolean shared = false;
        for (OpenFile other : files) {
            if (other == f) {
                shared = true;
                break;
            }
        }
        refs[fd] = 0;
        if (!shared) {
            f.release();
        }
    }

    /** Closes every descriptor (process exit), lowest first. */
    public void closeAll() {
        for (int fd = 0; fd < files.length; fd++) {
            if (files[fd] != null) {
                try {
                    close(fd);
                } catch (ErrnoException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Open descriptors in ascending order, for {@code ss -p} and diagnostics. */
    public int[] openDescriptors() {
        int n = 0;
        int[] out = new int[files.length];
        for (int fd = 0; fd < files.length; fd++) {
            if (files[fd] != null) {
                out[n++] = fd;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The file at {@code fd} or null (no errno). */
    public OpenFile peek(int fd) {
        return fd >= 0 && fd < files.length ? files[fd] : null;
    }
}
