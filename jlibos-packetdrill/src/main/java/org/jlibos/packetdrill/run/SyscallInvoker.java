package org.jlibos.packetdrill.run;

import static org.jlibos.kernel.socket.SocketConstants.*;

import java.util.List;

import org.jlibos.kernel.socket.Epoll;
import org.jlibos.kernel.socket.Errno;
import org.jlibos.kernel.socket.ErrnoException;
import org.jlibos.kernel.socket.InetSockAddr;
import org.jlibos.kernel.socket.MessageInfo;
import org.jlibos.kernel.socket.PollFd;
import org.jlibos.kernel.socket.Syscalls;
import org.jlibos.kernel.wire.Ipv4Address;
import org.jlibos.packetdrill.script.Event;
import org.jlibos.packetdrill.script.Expression;

/**
 * Turns a script's system-call line into a call on the simulated kernel's socket API
 * ({@link Syscalls}) and the checks packetdrill makes around it (README §5.10): arguments are
 * evaluated before the call ({@code ...} addresses become the tun addresses, buffers are zero
 * filled), script descriptors are mapped to live ones, and after the call the returned values
 * that a script spells out ({@code [42000]}, {@code revents}, epoll events) are compared.
 *
 * <p>The socket API takes integer option values where C passes structs, as
 * {@link org.jlibos.kernel.socket.SocketConstants} documents: {@code struct linger} is -1 when
 * off, else the linger time in seconds; {@code struct timeval} is nanoseconds.
 */
final class SyscallInvoker {

    /** How the return value is compared: exactly, or "any descriptor" for fd-returning calls. */
    enum Check { EXACT, FD }

    /** Checks and bookkeeping after the call returned, with the call's outcome. */
    interface After {
        void run(TunHost.Call call) throws ScriptFailure;
    }

    /** A call ready to start. */
    record Prepared(TunHost.Body body, Check check, Runnable before, After after) {
    }

    private final ScriptExecution exec;

    SyscallInvoker(ScriptExecution exec) {
        this.exec = exec;
    }

    /** Linux's MSG_FASTOPEN (not in the socket API's constants). */
    private static final int MSG_FASTOPEN = 0x20000000;
    private static final Runnable NOTHING = () -> { };
    private static final After NO_CHECK = call -> { };

    Prepared prepare(Event.Syscall ev) throws ScriptFailure {
        List<Expression> a = ev.args();
        String name = ev.name();
        return switch (name) {
            case "socket" -> socket(ev, a);
            case "bind" -> bind(ev, a);
            case "listen" -> {
                args(ev, a, 2);
                int fd = fd(ev, a.get(0));
                int backlog = (int) integer(ev, a.get(1));
                TrackedSocket s = exec.socketForScriptFd(fd(ev, a.get(0), false));
                yield new Prepared(sys -> {
                    sys.listen(fd, backlog);
                    return 0;
                }, Check.EXACT, NOTHING, call -> {
                    if (call.errno == null && s != null) {
                        s.state = TrackedSocket.State.PASSIVE_LISTENING;
                    }
                });
            }
            case "accept" -> accept(ev, a);
            case "connect" -> connect(ev, a);
            case "read" -> {
                args(ev, a, 3);
                yield receive(ev, fd(ev, a.get(0)), buffer(ev, a.get(1)), (int) integer(ev, a.get(2)), -1);
            }
            case "recv" -> {
                args(ev, a, 4);
                yield receive(ev, fd(ev, a.get(0)), buffer(ev, a.get(1)), (int) integer(ev, a.get(2)),
                        (int) integer(ev, a.get(3)));
            }
            case "recvfrom" -> {
                args(ev, a, 6);
                ellipsis(ev, a.get(4), "the source address");
                ellipsis(ev, a.get(5), "the address length");
                yield receive(ev, fd(ev, a.get(0)), buffer(ev, a.get(1)), (int) integer(ev, a.get(2)),
                        (int) integer(ev, a.get(3)));
            }
            case "readv" -> {
                args(ev, a, 3);
                yield receive(ev, fd(ev, a.get(0)), false, iovecLength(ev, a.get(1), a.get(2)), -1);
            }
            case "recvmsg" -> recvmsg(ev, a);
            case "write" -> {
                args(ev, a, 3);
                yield send(ev, fd(ev, a.get(0)), buffer(ev, a.get(1)), (int) integer(ev, a.get(2)), -1, null);
            }
            case "send" -> {
                args(ev, a, 4);
                yield send(ev, fd(ev, a.get(0)), buffer(ev, a.get(1)), (int) integer(ev, a.get(2)),
                        (int) integer(ev, a.get(3)), null);
            }
            case "sendto" -> {
                args(ev, a, 6);
                ellipsis(ev, a.get(5), "the address length");
                int flags = (int) integer(ev, a.get(3));
                InetSockAddr to = address(ev, a.get(4), exec.config().remoteIp, exec.config().connectPort);
                // Linux's TCP ignores the address of a sendto() unless it is a Fast Open connect.
                TrackedSocket s = exec.socketForScriptFd((int) integer(ev, a.get(0)));
                if (s != null && s.protocol == IPPROTO_TCP && (flags & MSG_FASTOPEN) == 0) {
                    to = null;
                }
                yield send(ev, fd(ev, a.get(0)), buffer(ev, a.get(1)), (int) integer(ev, a.get(2)), flags, to);
            }
            case "writev" -> {
                args(ev, a, 3);
                yield send(ev, fd(ev, a.get(0)), false, iovecLength(ev, a.get(1), a.get(2)), -1, null);
            }
            case "sendmsg" -> sendmsg(ev, a);
            case "fcntl" -> fcntl(ev, a);
            case "ioctl" -> ioctl(ev, a);
            case "close" -> {
                args(ev, a, 1);
                int scriptFd = (int) integer(ev, a.get(0));
                int fd = fd(ev, a.get(0));
                yield new Prepared(sys -> {
                    sys.close(fd);
                    return 0;
                }, Check.EXACT, NOTHING, call -> {
                    if (call.errno == null) {
                        exec.closeScriptFd(scriptFd);
                    }
                });
            }
            case "shutdown" -> {
                args(ev, a, 2);
                int fd = fd(ev, a.get(0));
                int how = (int) integer(ev, a.get(1));
                yield new Prepared(sys -> {
                    sys.shutdown(fd, how);
                    return 0;
                }, Check.EXACT, NOTHING, NO_CHECK);
            }
            case "getsockopt" -> getsockopt(ev, a);
            case "setsockopt" -> setsockopt(ev, a);
            case "poll" -> poll(ev, a);
            case "epoll_create", "epoll_create1" -> {
                args(ev, a, 1);
                integer(ev, a.get(0));
                yield new Prepared(Syscalls::epollCreate, Check.FD, NOTHING, call -> exec.mapFd(ev, call, null));
            }
            case "epoll_ctl" -> epollCtl(ev, a);
            case "epoll_wait" -> epollWait(ev, a);
            case "open", "sendfile", "pipe", "splice", "cap_set", "psp_rx_assoc", "psp_tx_assoc" ->
                    throw unsupported(ev, name + "() (the simulated host has no file system, pipes or capabilities)");
            default -> throw runtime(ev, "Unknown system call: '" + name + "'");
        };
    }

    // ---- calls ------------------------------------------------------------------------------

    private Prepared socket(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        args(ev, a, 3);
        int domain = a.get(0) instanceof Expression.Ellipsis ? AF_INET : (int) integer(ev, a.get(0));
        int type = (int) integer(ev, a.get(1));
        int protocol = (int) integer(ev, a.get(2));
        int proto = protocol != 0 ? protocol : (type & 0xf) == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
        return new Prepared(sys -> sys.socket(domain, type, protocol), Check.FD, NOTHING, call -> {
            TrackedSocket s = new TrackedSocket(proto);
            exec.mapFd(ev, call, s);
            if (call.errno == null) {
                exec.newSocketUnderTest(s);
            }
        });
    }

    private Prepared bind(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        args(ev, a, 3);
        int fd = fd(ev, a.get(0));
        InetSockAddr addr = address(ev, a.get(1), exec.config().localIp, exec.config().bindPort);
        ellipsis(ev, a.get(2), "the address length");
        TrackedSocket s = exec.socketForScriptFd((int) integer(ev, a.get(0)));
        return new Prepared(sys -> {
            sys.bind(fd, addr);
            return 0;
        }, Check.EXACT, NOTHING, call -> {
            if (call.errno == null && s != null) {
                s.liveLocalIp = addr.address();
                s.liveLocalPort = addr.port();
            }
        });
    }

    private Prepared accept(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        args(ev, a, 3);
        int fd = fd(ev, a.get(0));
        ellipsis(ev, a.get(1), "the peer address");
        ellipsis(ev, a.get(2), "the address length");
        MessageInfo peer = new MessageInfo();
        return new Prepared(sys -> {
            int child = sys.accept(fd, peer);
            if (peer.srcPort == 0 && sys.getpeername(child) instanceof InetSockAddr remote) {
                peer.srcAddress = remote.address();
                peer.srcPort = remote.port();
            }
            return child;
        }, Check.FD, NOTHING, call -> {
            if (call.errno != null) {
                return;
            }
            TrackedSocket child = exec.socketForPeer(peer.srcAddress, peer.srcPort);
            if (child == null) {
                throw runtime(ev, "unable to find socket matching accept() result (peer "
                        + Ipv4Address.format(peer.srcAddress) + ":" + peer.srcPort + ")");
            }
            exec.mapFd(ev, call, child);
        });
    }

    private Prepared connect(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        args(ev, a, 3);
        int fd = fd(ev, a.get(0));
        if (a.get(1) instanceof Expression.Symbol sym && sym.name().equals("AF_UNSPEC")) {
            throw unsupported(ev, "connect(fd, AF_UNSPEC, ...) (disconnect): the socket API has no AF_UNSPEC address");
        }
        InetSockAddr addr = address(ev, a.get(1), exec.config().remoteIp, exec.config().connectPort);
        ellipsis(ev, a.get(2), "the address length");
        TrackedSocket s = exec.socketForScriptFd((int) integer(ev, a.get(0)));
        // packetdrill marks the socket as connecting before the call: a blocking connect's SYN
        // goes out while the call is still in progress.
        Runnable before = () -> {
            if (s != null) {
                s.state = TrackedSocket.State.ACTIVE_CONNECTING;
                s.liveRemoteIp = addr.address();
                s.liveRemotePort = addr.port();
            }
        };
        return new Prepared(sys -> {
            sys.connect(fd, addr);
            return 0;
        }, Check.EXACT, before, NO_CHECK);
    }

    /** read/recv/recvfrom/readv; {@code flags} -1 means read(2) (no flags argument). */
    private Prepared receive(Event.Syscall ev, int fd, boolean nullBuffer, int length, int flags) throws ScriptFailure {
        if (length < 0) {
            throw runtime(ev, "negative length " + length);
        }
        if (nullBuffer && length > 0) {
            // A NULL user buffer: Linux fails the copy to user space with EFAULT once there is
            // data to copy, and leaves the data queued. Peek to see whether there is any (or EOF,
            // or an error, or a blocking wait), as the real call would before copying.
            return new Prepared(sys -> {
                int n = sys.recv(fd, new byte[length], 0, length, Math.max(flags, 0) | MSG_PEEK);
                if (n > 0) {
                    throw new ErrnoException("recvfrom", Errno.EFAULT);
                }
                return n;
            }, Check.EXACT, NOTHING, NO_CHECK);
        }
        if (flags < 0) {
            return new Prepared(sys -> sys.read(fd, new byte[length], 0, length), Check.EXACT, NOTHING, NO_CHECK);
        }
        return new Prepared(sys -> sys.recv(fd, new byte[length], 0, length, flags), Check.EXACT, NOTHING, NO_CHECK);
    }

    /** write/send/sendto/writev/sendmsg with a zero-filled buffer; {@code flags} -1 means write(2). */
    private Prepared send(Event.Syscall ev, int fd, boolean nullBuffer, int length, int flags, InetSockAddr to)
            throws ScriptFailure {
        if (length < 0) {
            throw runtime(ev, "negative length " + length);
        }
        if (nullBuffer && length > 0) {
            // A NULL user buffer: the copy from user space fails with EFAULT. The Java socket API
            // has no pointers, so the runner answers for the copy (after the descriptor check).
            return new Prepared(sys -> {
                sys.files().socket("sendto", fd);
                throw new ErrnoException("sendto", Errno.EFAULT);
            }, Check.EXACT, NOTHING, NO_CHECK);
        }
        if (flags < 0) {
            return new Prepared(sys -> sys.write(fd, new byte[length], 0, length), Check.EXACT, NOTHING, NO_CHECK);
        }
        return new Prepared(sys -> sys.sendTo(fd, new byte[length], 0, length, flags, to), Check.EXACT, NOTHING, NO_CHECK);
    }

    private Prepared recvmsg(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        args(ev, a, 3);
        int fd = fd(ev, a.get(0));
        Expression.StructValue msg = struct(ev, a.get(1), "a msghdr {msg_name(...)=..., msg_iov(N)=[...], msg_flags=0}");
        Expression control = msg.field("msg_control");
        if (control != null && !(control instanceof Expression.Ellipsis)) {
            throw unsupported(ev, "recvmsg() control messages (msg_control=" + control
                    + "): the socket API has no recvmsg with cmsg (e.g. TCP_CM_INQ)");
        }
        int length = msgIovLength(ev, msg);
        int flags = (int) integer(ev, a.get(2));
        Expression expectedFlags = msg.field("msg_flags");
        long wantFlags = expectedFlags == null ? 0 : integer(ev, expectedFlags);
        MessageInfo info = new MessageInfo();
        return new Prepared(sys -> sys.recvFrom(fd, new byte[length], 0, length, flags, info), Check.EXACT, NOTHING,
                call -> {
                    if (call.errno == null && call.result >= 0) {
                        // MSG_TRUNC is the only msg_flags bit a stream or datagram receive reports here.
                        long actual = info.fullLength > call.result ? MSG_TRUNC : 0;
                        if (actual != wantFlags) {
                            throw check(ev, "expected msg_flags " + wantFlags + ", got " + actual);
                        }
                    }
                });
    }

    private Prepared sendmsg(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        args(ev, a, 3);
        int fd = fd(ev, a.get(0));
        Expression.StructValue msg = struct(ev, a.get(1), "a msghdr {msg_name(...)=..., msg_iov(N)=[...], msg_flags=0}");
        Expression control = msg.field("msg_control");
        if (control != null && !(control instanceof Expression.Ellipsis)) {
            throw unsupported(ev, "sendmsg() control messages (msg_control=" + control + ")");
        }
        int length = msgIovLength(ev, msg);
        int flags = (int) integer(ev, a.get(2));
        return send(ev, fd, false, length, flags, null);
    }

    private Prepared fcntl(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        if (a.size() != 2 && a.size() != 3) {
            throw runtime(ev, "Expected 2 or 3 args but got " + a.size());
        }
        int fd = fd(ev, a.get(0));
        int cmd = (int) integer(ev, a.get(1));
        int arg = a.size() == 3 ? (int) integer(ev, a.get(2)) : 0;
        return new Prepared(sys -> sys.fcntl(fd, cmd, arg), Check.EXACT, NOTHING, NO_CHECK);
    }

    private Prepared ioctl(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        args(ev, a, 3);
        int fd = fd(ev, a.get(0));
        int request = (int) integer(ev, a.get(1));
        Long expected = a.get(2) instanceof Expression.Ellipsis ? null : bracketed(ev, a.get(2));
        long[] value = new long[1];
        return new Prepared(sys -> {
            value[0] = sys.ioctl(fd, request);
            return 0;
        }, Check.EXACT, NOTHING, call -> {
            if (call.errno == null && expected != null && value[0] != expected) {
                throw check(ev, "ioctl value: expected " + expected + ", got " + value[0]);
            }
        });
    }

    private Prepared getsockopt(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        args(ev, a, 5);
        int fd = fd(ev, a.get(0));
        int level = (int) integer(ev, a.get(1));
        int option = (int) integer(ev, a.get(2));
        Expression want = a.get(3);
        Expression wantLength = a.get(4);
        if (want instanceof Expression.StringValue sv) {
            String[] got = new String[1];
            return new Prepared(sys -> {
                got[0] = sys.getsockoptString(fd, level, option);
                return 0;
            }, Check.EXACT, NOTHING, call -> {
                if (call.errno == null && !sv.value().equals(got[0])) {
                    throw check(ev, "getsockopt value: expected " + sv + ", got " + new Expression.StringValue(got[0]));
                }
            });
        }
        boolean linger = level == SOL_SOCKET && option == SO_LINGER;
        boolean timeval = level == SOL_SOCKET && (option == SO_RCVTIMEO || option == SO_SNDTIMEO);
        int size = linger ? 8 : timeval ? 16 : 4;
        Long expectedLength = wantLength instanceof Expression.Ellipsis ? null : bracketed(ev, wantLength);
        Long expectedInt = null;
        Expression.StructValue expectedStruct = null;
        if (want instanceof Expression.StructValue sv) {
            expectedStruct = sv;
        } else if (!(want instanceof Expression.Ellipsis)) {
            expectedInt = bracketed(ev, want);
        }
        Long wantInt = expectedInt;
        Expression.StructValue wantStruct = expectedStruct;
        long[] value = new long[1];
        return new Prepared(sys -> {
            value[0] = sys.getsockopt(fd, level, option);
            return 0;
        }, Check.EXACT, NOTHING, call -> {
            if (call.errno != null) {
                return;
            }
            if (expectedLength != null && expectedLength != size) {
                throw check(ev, "getsockopt optlen: expected " + expectedLength + ", got " + size);
            }
            if (wantInt != null && value[0] != wantInt) {
                throw check(ev, "getsockopt value: expected [" + wantInt + "], got [" + value[0] + "]");
            }
            if (wantStruct != null) {
                if (linger) {
                    long onoff = value[0] < 0 ? 0 : 1;
                    long secs = value[0] < 0 ? 0 : value[0];
                    long wantOnoff = structInt(ev, wantStruct, "onoff");
                    long wantSecs = structInt(ev, wantStruct, "linger");
                    if (onoff != wantOnoff || secs != wantSecs) {
                        throw check(ev, "getsockopt value: expected {onoff=" + wantOnoff + ", linger=" + wantSecs
                                + "}, got {onoff=" + onoff + ", linger=" + secs + "}");
                    }
                } else if (timeval) {
                    long wantNanos = structInt(ev, wantStruct, "tv_sec") * 1_000_000_000L
                            + structInt(ev, wantStruct, "tv_usec") * 1_000L;
                    if (wantNanos != value[0]) {
                        throw check(ev, "getsockopt value: expected " + wantStruct + ", got " + value[0] + " ns");
                    }
                } else {
                    throw unsupported(ev, "getsockopt() struct value " + wantStruct + " for this option");
                }
            }
        });
    }

    private Prepared setsockopt(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        args(ev, a, 5);
        int fd = fd(ev, a.get(0));
        int level = (int) integer(ev, a.get(1));
        int option = (int) integer(ev, a.get(2));
        Expression v = a.get(3);
        long value;
        if (v instanceof Expression.StringValue sv) {
            integer(ev, a.get(4));
            return new Prepared(sys -> {
                sys.setsockopt(fd, level, option, sv.value());
                return 0;
            }, Check.EXACT, NOTHING, NO_CHECK);
        } else if (v instanceof Expression.StructValue sv) {
            if (level == SOL_SOCKET && option == SO_LINGER) {
                value = structInt(ev, sv, "onoff") == 0 ? -1 : structInt(ev, sv, "linger");
            } else if (level == SOL_SOCKET && (option == SO_RCVTIMEO || option == SO_SNDTIMEO)) {
                value = structInt(ev, sv, "tv_sec") * 1_000_000_000L + structInt(ev, sv, "tv_usec") * 1_000L;
            } else {
                throw unsupported(ev, "setsockopt() struct value " + sv + " for this option");
            }
        } else if (v instanceof Expression.ListValue) {
            value = bracketed(ev, v);
        } else {
            value = integer(ev, v);
        }
        integer(ev, a.get(4));
        return new Prepared(sys -> {
            sys.setsockopt(fd, level, option, value);
            return 0;
        }, Check.EXACT, NOTHING, NO_CHECK);
    }

    private Prepared poll(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        args(ev, a, 3);
        if (!(a.get(0) instanceof Expression.ListValue list)) {
            throw runtime(ev, "Expected a list of {fd=..., events=..., revents=...} structs");
        }
        PollFd[] fds = new PollFd[list.elements().size()];
        long[] expectedRevents = new long[fds.length];
        for (int i = 0; i < fds.length; i++) {
            Expression.StructValue s = struct(ev, list.elements().get(i), "a pollfd {fd=N, events=..., revents=...}");
            fds[i] = new PollFd(fd(ev, field(ev, s, "fd")), (int) structInt(ev, s, "events"));
            expectedRevents[i] = structInt(ev, s, "revents");
        }
        long nfds = integer(ev, a.get(1));
        if (nfds != fds.length) {
            throw runtime(ev, "nfds " + nfds + " does not match the " + fds.length + "-element pollfd list");
        }
        long timeoutMs = integer(ev, a.get(2));
        long timeoutNanos = timeoutMs < 0 ? -1 : timeoutMs * 1_000_000L;
        return new Prepared(sys -> sys.poll(fds, timeoutNanos), Check.EXACT, NOTHING, call -> {
            if (call.errno != null) {
                return;
            }
            for (int i = 0; i < fds.length; i++) {
                if (fds[i].revents != expectedRevents[i]) {
                    throw check(ev, "expected revents of 0x" + Long.toHexString(expectedRevents[i]) + " but got 0x"
                            + Integer.toHexString(fds[i].revents) + " for pollfd " + i);
                }
            }
        });
    }

    private Prepared epollCtl(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        args(ev, a, 4);
        int epfd = fd(ev, a.get(0));
        int op = (int) integer(ev, a.get(1));
        int scriptFd = (int) integer(ev, a.get(2));
        int fd = fd(ev, a.get(2));
        int events = 0;
        long data = scriptFd;
        if (a.get(3) instanceof Expression.StructValue s) {
            events = (int) structInt(ev, s, "events");
            Expression dataField = s.field("fd") != null ? s.field("fd") : s.field("u32") != null ? s.field("u32")
                    : s.field("u64") != null ? s.field("u64") : s.field("ptr");
            if (dataField != null) {
                data = integer(ev, dataField);
            }
        } else if (!(a.get(3) instanceof Expression.Ellipsis) && !isNull(a.get(3))) {
            throw runtime(ev, "Expected an epoll_event {events=..., fd=N}");
        }
        int ev2 = events;
        long data2 = data;
        return new Prepared(sys -> {
            sys.epollCtl(epfd, op, fd, ev2, data2);
            return 0;
        }, Check.EXACT, NOTHING, NO_CHECK);
    }

    private Prepared epollWait(Event.Syscall ev, List<Expression> a) throws ScriptFailure {
        args(ev, a, 4);
        int epfd = fd(ev, a.get(0));
        Expression.StructValue want = a.get(1) instanceof Expression.StructValue s ? s : null;
        int max = (int) integer(ev, a.get(2));
        long timeoutMs = integer(ev, a.get(3));
        long timeoutNanos = timeoutMs < 0 ? -1 : timeoutMs * 1_000_000L;
        Epoll.Event[] out = new Epoll.Event[Math.max(1, max)];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Epoll.Event();
        }
        return new Prepared(sys -> sys.epollWait(epfd, out, max, timeoutNanos), Check.EXACT, NOTHING, call -> {
            if (call.errno != null || call.result <= 0 || want == null) {
                return;
            }
            long wantEvents = structInt(ev, want, "events");
            if ((out[0].events & 0xffffffffL) != wantEvents) {
                throw check(ev, "epoll_event->events: expected 0x" + Long.toHexString(wantEvents) + ", got 0x"
                        + Integer.toHexString(out[0].events));
            }
            Expression dataField = want.field("fd") != null ? want.field("fd") : want.field("u32") != null
                    ? want.field("u32") : want.field("u64") != null ? want.field("u64") : want.field("ptr");
            if (dataField != null && out[0].data != integer(ev, dataField)) {
                throw check(ev, "epoll_event->data: expected " + integer(ev, dataField) + ", got " + out[0].data);
            }
        });
    }

    // ---- argument helpers -------------------------------------------------------------------

    private static void args(Event.Syscall ev, List<Expression> a, int n) throws ScriptFailure {
        if (a.size() != n) {
            throw runtime(ev, "Expected " + n + " args but got " + a.size());
        }
    }

    /** The live descriptor for a script descriptor argument. */
    private int fd(Event.Syscall ev, Expression e) throws ScriptFailure {
        return fd(ev, e, true);
    }

    private int fd(Event.Syscall ev, Expression e, boolean live) throws ScriptFailure {
        int scriptFd = (int) integer(ev, e);
        if (!live) {
            return scriptFd;
        }
        Integer l = exec.liveFd(scriptFd);
        if (l == null) {
            throw runtime(ev, "unable to find fd with script fd " + scriptFd);
        }
        return l;
    }

    long integer(Event.Syscall ev, Expression e) throws ScriptFailure {
        return switch (e) {
            case Expression.IntegerValue i -> i.value();
            case Expression.Symbol s -> {
                Long v = Symbols.value(s.name());
                if (v == null) {
                    throw runtime(ev, "unknown symbol '" + s.name() + "'");
                }
                yield v;
            }
            case Expression.BitwiseOr or -> integer(ev, or.left()) | integer(ev, or.right());
            case Expression.Call c when c.name().equals("htons") || c.name().equals("htonl") -> {
                if (c.args().size() != 1) {
                    throw runtime(ev, c.name() + "() takes one argument");
                }
                yield integer(ev, c.args().get(0));
            }
            case Expression.Call c when c.name().equals("inet_addr") -> {
                if (c.args().size() != 1 || !(c.args().get(0) instanceof Expression.StringValue sv)) {
                    throw runtime(ev, "inet_addr() takes one string");
                }
                long addr = Ipv4Address.tryParse(sv.value());
                if (addr < 0) {
                    throw runtime(ev, "bad IPv4 address " + sv);
                }
                yield addr;
            }
            default -> throw runtime(ev, "Bad type; expected an integer, got " + e);
        };
    }

    private static boolean isNull(Expression e) {
        return (e instanceof Expression.Symbol s && s.name().equals("NULL"))
                || (e instanceof Expression.IntegerValue i && i.value() == 0);
    }

    /** {@code ...} is a buffer, {@code NULL} (0) a null pointer. */
    private static boolean buffer(Event.Syscall ev, Expression e) throws ScriptFailure {
        if (e instanceof Expression.Ellipsis) {
            return false;
        }
        if (isNull(e)) {
            return true;
        }
        throw runtime(ev, "Expected ... or NULL for buffer, got " + e);
    }

    private static void ellipsis(Event.Syscall ev, Expression e, String what) throws ScriptFailure {
        if (!(e instanceof Expression.Ellipsis)) {
            throw unsupported(ev, "an explicit value for " + what + " (" + e + "); write ...");
        }
    }

    /** {@code ...} means the tun's address for this role; {@code {sin_addr=..., sin_port=...}} is not supported. */
    private static InetSockAddr address(Event.Syscall ev, Expression e, int ip, int port) throws ScriptFailure {
        if (e instanceof Expression.Ellipsis) {
            return new InetSockAddr(ip, port);
        }
        throw unsupported(ev, "an explicit socket address (" + e + "); write ...");
    }

    private Long bracketed(Event.Syscall ev, Expression e) throws ScriptFailure {
        if (e instanceof Expression.ListValue l && l.elements().size() == 1) {
            return integer(ev, l.elements().get(0));
        }
        throw runtime(ev, "Expected [<integer>] but got " + e);
    }

    private static Expression.StructValue struct(Event.Syscall ev, Expression e, String what) throws ScriptFailure {
        if (e instanceof Expression.StructValue s) {
            return s;
        }
        throw runtime(ev, "Expected " + what + ", got " + e);
    }

    private static Expression field(Event.Syscall ev, Expression.StructValue s, String name) throws ScriptFailure {
        Expression f = s.field(name);
        if (f == null) {
            throw runtime(ev, "missing field " + name + " in " + s);
        }
        return f;
    }

    private long structInt(Event.Syscall ev, Expression.StructValue s, String name) throws ScriptFailure {
        return integer(ev, field(ev, s, name));
    }

    /** The total length of an iovec list {@code [{..., 100}, {..., 200}]}, checked against its count. */
    private int iovecLength(Event.Syscall ev, Expression iov, Expression count) throws ScriptFailure {
        if (!(iov instanceof Expression.ListValue list)) {
            throw runtime(ev, "Expected an iovec list [{..., N}, ...], got " + iov);
        }
        long total = 0;
        for (Expression el : list.elements()) {
            Expression.StructValue s = struct(ev, el, "an iovec {..., N}");
            if (s.fields().size() != 2 || !(s.fields().get(0).value() instanceof Expression.Ellipsis)) {
                throw runtime(ev, "Expected an iovec {..., N}, got " + s);
            }
            total += integer(ev, s.fields().get(1).value());
        }
        if (count != null && integer(ev, count) != list.elements().size()) {
            throw runtime(ev, "iov count " + count + " does not match the " + list.elements().size() + "-element iovec");
        }
        return (int) total;
    }

    private int msgIovLength(Event.Syscall ev, Expression.StructValue msg) throws ScriptFailure {
        for (Expression.Field f : msg.fields()) {
            if ("msg_iov".equals(f.name())) {
                return iovecLength(ev, f.value(), f.index());
            }
        }
        throw runtime(ev, "missing msg_iov in " + msg);
    }

    static ScriptFailure runtime(Event.Syscall ev, String message) {
        return new ScriptFailure(ev.line(), "runtime error in " + ev.name() + " call: " + message);
    }

    static ScriptFailure unsupported(Event.Syscall ev, String what) {
        return new ScriptFailure(ev.line(), "unsupported: " + what);
    }

    private static ScriptFailure check(Event.Syscall ev, String message) {
        return new ScriptFailure(ev.line(), ev.call() + ": " + message);
    }
}
