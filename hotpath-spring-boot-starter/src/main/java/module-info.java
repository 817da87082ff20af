/*
 * Spring Boot auto-configuration of hotpath. Open, so that Spring may reflect on the
 * auto-configurations and the Actuator endpoints; only the API package is exported. The optional
 * modules are {@code static}: each part starts only when its module is present.
 */
open module dev.hotpath.spring {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.monitor;
  requires transitive spring.boot;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.context;
  requires transitive spring.beans;
  requires transitive spring.core;
  requires org.apache.commons.logging;
  requires java.sql;
  requires static transitive jakarta.servlet;
  requires static transitive spring.boot.actuator;
  requires static transitive spring.boot.actuator.autoconfigure;
  requires static transitive dev.hotpath.db;
  requires static transitive dev.hotpath.resilience;
  requires static transitive dev.hotpath.cache;
  requires static dev.hotpath.junit;

  exports dev.hotpath.spring;
}
