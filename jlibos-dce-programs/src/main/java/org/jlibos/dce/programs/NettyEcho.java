package org.jlibos.dce.programs;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * A Netty 4.2 NIO echo server and client, written the way Netty's own echo example is.
 * {@code server port}: echoes everything; ends after its first connection closes.
 * {@code client host port messages size}: sends messages of size bytes one after another,
 * waiting for each echo, and prints what came back and when.
 */
public final class NettyEcho {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("server")) {
            server(Integer.parseInt(args[1]));
        } else {
            client(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        }
    }

    private static void server(int port) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            ServerBootstrap b = new ServerBootstrap().group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 100)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        public void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    ctx.write(msg);
                                }

                                @Override
                                public void channelReadComplete(ChannelHandlerContext ctx) {
                                    ctx.flush();
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext ctx) {
                                    System.out.println("server: connection from " + ctx.channel().remoteAddress() + " closed");
                                    ctx.channel().parent().close();
                                }
                            });
                        }
                    });
            Channel server = b.bind(port).sync().channel();
            System.out.println("server: listening on " + server.localAddress());
            server.closeFuture().sync();
        } finally {
            boss.shutdownGracefully(0, 100, java.util.concurrent.TimeUnit.MILLISECONDS).sync();
            workers.shutdownGracefully(0, 100, java.util.concurrent.TimeUnit.MILLISECONDS).sync();
        }
        System.out.println("server: done");
    }

    private static void client(String host, int port, int messages, int size) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        long t0 = System.nanoTime();
        try {
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        public void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                private int sent;
                                private long received;
                                private long checksum;

                                @Override
                                public void channelActive(ChannelHandlerContext ctx) {
                                    System.out.println("client: connected after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                                    sendNext(ctx);
                                }

                                private void sendNext(ChannelHandlerContext ctx) {
                                    ByteBuf buf = Unpooled.buffer(size);
                                    for (int i = 0; i < size; i++) {
                                        buf.writeByte((sent * 31 + i) & 0xff);
                                    }
                                    sent++;
                                    ctx.writeAndFlush(buf);
                                }

                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    ByteBuf in = (ByteBuf) msg;
                                    while (in.isReadable()) {
                                        checksum = checksum * 31 + in.readByte();
                                        received++;
                                    }
                                    in.release();
                                    if (received == (long) sent * size) {
                                        if (sent < messages) {
                                            sendNext(ctx);
                                        } else {
                                            System.out.println("client: " + messages + " echoes, " + received + " bytes, checksum "
                                                    + Long.toHexString(checksum) + ", after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                                            ctx.close().addListener(ChannelFutureListener.CLOSE);
                                        }
                                    }
                                }
                            });
                        }
                    });
            Channel ch = b.connect(host, port).sync().channel();
            ch.closeFuture().sync();
        } finally {
            group.shutdownGracefully(0, 100, java.util.concurrent.TimeUnit.MILLISECONDS).sync();
        }
        System.out.println("client: done");
    }
}
