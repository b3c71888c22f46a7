# Sourced by Eddy's scripts: sets JAVA_HOME and JAVA to a JDK >= 21 without the user's help.
# Order: $JAVA_HOME if it is >= 21, else the newest JDK >= 21 under /usr/lib/jvm.
eddy_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
eddy_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local v; v=$(eddy_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  local best="" bestv=0 d v
  for d in /usr/lib/jvm/*/ /usr/local/lib/jvm/*/ /opt/java/*/; do
    d=${d%/}
    [ -x "$d/bin/javac" ] || continue
    [ -L "$d" ] && continue
    v=$(eddy_java_major "$d")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  if [ -z "$best" ]; then
    echo "eddy: no JDK >= 21 found (looked at \$JAVA_HOME and /usr/lib/jvm); install one, e.g. 'apt-get install -y openjdk-21-jdk-headless'" >&2
    return 1
  fi
  echo "$best"
}
JAVA_HOME=$(eddy_find_jdk) || exit 1
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
export JAVA
# File names are bytes on Linux; the JVM decodes them with the locale's charset, so a C/POSIX
# locale would make non-ASCII names (café.txt) unreachable. Use UTF-8 unless the locale already does.
if [ "$(locale charmap 2>/dev/null)" != "UTF-8" ]; then
  export LC_ALL=C.UTF-8
fi
