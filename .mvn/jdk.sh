# Sourced by ./mvnw, ./gatehouse and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME, then the `java` on the PATH, then the newest JDK under /usr/lib/jvm.
# POSIX sh, safe under `set -euf` (mvnw disables globbing, so directories are listed with ls).

gatehouse_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# The JDK's release file names its version; reading it is much faster than starting a JVM.
gatehouse_release_major() {
  [ -f "$1/release" ] &&
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
}

gatehouse_jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  gatehouse_jdk_major=$(gatehouse_release_major "$1" || true)
  if [ -z "$gatehouse_jdk_major" ]; then
    gatehouse_jdk_major=$(gatehouse_java_major "$1/bin/java")
  fi
  [ -n "$gatehouse_jdk_major" ] && [ "$gatehouse_jdk_major" -ge 21 ]
}

gatehouse_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && gatehouse_jdk_ok "$JAVA_HOME"; then
    return 0
  fi
  gatehouse_path_java=$(command -v java 2>/dev/null || true)
  if [ -n "$gatehouse_path_java" ]; then
    gatehouse_home=$(dirname "$(dirname "$(readlink -f "$gatehouse_path_java")")")
    if gatehouse_jdk_ok "$gatehouse_home"; then
      JAVA_HOME=$gatehouse_home
      export JAVA_HOME
      return 0
    fi
  fi
  for gatehouse_name in $(ls /usr/lib/jvm 2>/dev/null | sort -rV); do
    gatehouse_dir=/usr/lib/jvm/$gatehouse_name
    if gatehouse_jdk_ok "$gatehouse_dir"; then
      JAVA_HOME=$gatehouse_dir
      export JAVA_HOME
      return 0
    fi
  done
  echo "gatehouse: no JDK 21 or newer found (looked at \$JAVA_HOME, java on the PATH, /usr/lib/jvm/*)." >&2
  echo "gatehouse: install one (for example Debian's openjdk-21-jdk) or set JAVA_HOME." >&2
  return 1
}

gatehouse_find_jdk
