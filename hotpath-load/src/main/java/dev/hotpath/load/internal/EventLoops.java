package dev.hotpath.load.internal;

import dev.hotpath.load.Transport;
import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event loops of one run on the chosen {@link Transport}: io_uring, epoll or NIO, with the
 * matching socket channel. {@link Transport#AUTO} takes epoll, else io_uring, else NIO.
 */
final class EventLoops implements AutoCloseable {
  /** The event loop threads' names start with this (profiles and thread dumps show whose they are). */
  static final String THREAD_PREFIX = "hotpath-load";

  final MultiThreadIoEventLoopGroup group;
  final Class<? extends Channel> channelType;
  final Class<? extends ServerChannel> serverChannelType; // the engine's loopback warm-up listens with it
  final Transport transport; // never AUTO

  private EventLoops(MultiThreadIoEventLoopGroup group, Class<? extends Channel> channelType,
      Class<? extends ServerChannel> serverChannelType, Transport transport) {
    this.group = group;
    this.channelType = channelType;
    this.serverChannelType = serverChannelType;
    this.transport = transport;
  }

  /**
   * Starts {@code threads} event loops on {@code wanted}.
   *
   * @throws IllegalArgumentException if an explicitly asked transport is not available here, saying why
   */
  static EventLoops start(Transport wanted, int threads) {
    Transport t = resolve(wanted);
    IoHandlerFactory factory = switch (t) {
      case IO_URING -> IoUringIoHandler.newFactory();
      case EPOLL -> EpollIoHandler.newFactory();
      default -> NioIoHandler.newFactory();
    };
    Class<? extends Channel> channel = switch (t) {
      case IO_URING -> IoUringSocketChannel.class;
      case EPOLL -> EpollSocketChannel.class;
      default -> NioSocketChannel.class;
    };
    Class<? extends ServerChannel> server = switch (t) {
      case IO_URING -> IoUringServerSocketChannel.class;
      case EPOLL -> EpollServerSocketChannel.class;
      default -> NioServerSocketChannel.class;
    };
    return new EventLoops(new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(THREAD_PREFIX), factory),
        channel, server, t);
  }

  /** The transport {@code wanted} stands for on this machine. */
  static Transport resolve(Transport wanted) {
    return switch (wanted) {
      // epoll first: on the 2-core Linux 6.18 box it cost the same or less CPU per request than io_uring,
      // without io_uring's per-operation objects and ~0.3 CPU-s more start-up (docs/benchmarks.md)
      case AUTO -> Epoll.isAvailable() ? Transport.EPOLL : IoUring.isAvailable() ? Transport.IO_URING : Transport.NIO;
      case IO_URING -> {
        if (!IoUring.isAvailable()) {
          throw new IllegalArgumentException("--transport io_uring is not available here ("
              + IoUring.unavailabilityCause() + "); use --transport auto, epoll or nio");
        }
        yield wanted;
      }
      case EPOLL -> {
        if (!Epoll.isAvailable()) {
          throw new IllegalArgumentException("--transport epoll is not available here ("
              + Epoll.unavailabilityCause() + "); use --transport auto or nio");
        }
        yield wanted;
      }
      case NIO -> wanted;
    };
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
