package org.jlibos.dce.socket;

/** Where setsockopt(2)/getsockopt(2) find an option: its level and name (SocketConstants). */
public record KernelOption(int level, int name) {
}
