# Sourced (POSIX sh) by ./mvnw and ./hotpath: make JAVA_HOME point at a JDK 21 or newer.
# Order: JAVA_HOME if it is 21+, else the newest JDK 21+ under /usr/lib/jvm (or HOTPATH_JDK_DIRS),
# else the `java` on PATH if it is 21+, else one message saying what to install and set.

hotpath_java_major() { # $1 = path to a java binary; prints its feature version, e.g. 21
  # The JDK's release file says it without starting a JVM (~0.1 CPU-s per JDK); else ask java.
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)
    [ -n "$v" ] && [ "$v" != 1 ] && { echo "$v"; return 0; }
  fi
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

hotpath_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(hotpath_java_major "$JAVA_HOME/bin/java")
    [ "${v:-0}" -ge 21 ] && return 0
  fi
  best=""; best_v=0
  case $- in *f*) hotpath_noglob=1; set +f ;; *) hotpath_noglob=0 ;; esac # mvnw runs with set -f
  for dir in ${HOTPATH_JDK_DIRS:-/usr/lib/jvm}; do
    for home in "$dir"/*; do
      [ -x "$home/bin/javac" ] || continue
      v=$(hotpath_java_major "$home/bin/java")
      if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$home"; best_v=$v; fi
    done
  done
  [ "$hotpath_noglob" = 1 ] && set -f
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(hotpath_java_major "$home/bin/java")
    [ "${v:-0}" -ge 21 ] && best="$home"
  fi
  if [ -z "$best" ]; then
    echo "hotpath needs a JDK 21 or newer and found none (JAVA_HOME=${JAVA_HOME:-unset}, searched ${HOTPATH_JDK_DIRS:-/usr/lib/jvm})." >&2
    echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21) and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME="$best"; export JAVA_HOME
}

hotpath_find_jdk || exit 1
