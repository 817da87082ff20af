/**
 * Spring Boot auto-configuration of hotpath: {@link dev.hotpath.spring.HotpathWebAutoConfiguration
 * request timing}, {@link dev.hotpath.spring.HotpathDataSourceAutoConfiguration the query
 * inspector on every DataSource}, {@link dev.hotpath.spring.HotpathJvmAutoConfiguration JVM
 * metrics and the leak detector}, and {@link dev.hotpath.spring.HotpathActuatorAutoConfiguration
 * the pprof and query digest Actuator endpoints}, each switched by {@link
 * dev.hotpath.spring.HotpathProperties hotpath.* properties}.
 */
@NullMarked
package dev.hotpath.spring;

import org.jspecify.annotations.NullMarked;
