/** The load engine: open and closed models, scenarios, results. */
module dev.hotpath.load {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.fasterxml.jackson.dataformat.csv;
  requires org.apache.commons.statistics.inference;
  requires io.netty.common;
  requires io.netty.buffer;
  requires io.netty.transport;
  requires io.netty.codec;
  requires io.netty.codec.http;
  requires io.netty.handler;
  requires io.netty.transport.classes.epoll;
  requires io.netty.transport.classes.io_uring;
  requires io.netty.codec.http2;
  requires java.management;
  requires jdk.management;

  exports dev.hotpath.load;
  exports dev.hotpath.load.result;
  exports dev.hotpath.load.report;
}
