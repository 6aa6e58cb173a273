# Sourced by ./jlibos, ./run-tests and .ci/run: sets JAVA_HOME to a JDK 25 or exits 2.
# Order: $JAVA_HOME if it is a JDK 25, then /usr/lib/jvm/*25*, then the `java` on PATH.

jlibos_is_jdk25() {
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] &&
        "$1/bin/java" -version 2>&1 | head -n 1 | grep -Eq 'version "25([."]|$)'
}

jlibos_find_jdk25() {
    if [ -n "${JAVA_HOME:-}" ] && jlibos_is_jdk25 "$JAVA_HOME"; then
        return 0
    fi
    for candidate in /usr/lib/jvm/*25* /usr/lib/jvm/*-25-* /opt/java/*25* "$HOME"/.sdkman/candidates/java/25*; do
        if [ -d "$candidate" ] && jlibos_is_jdk25 "$candidate"; then
            JAVA_HOME="$candidate"
            export JAVA_HOME
            return 0
        fi
    done
    if command -v java >/dev/null 2>&1; then
        candidate="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
        if jlibos_is_jdk25 "$candidate"; then
            JAVA_HOME="$candidate"
            export JAVA_HOME
            return 0
        fi
    fi
    cat >&2 <<'MSG'
jlibos: JDK 25 not found.
  jlibos needs a Java 25 JDK (java and javac). Install one, for example:
    Debian/Ubuntu with the Adoptium repository: apt-get install temurin-25-jdk
    or download Temurin 25 from https://adoptium.net and set JAVA_HOME to it.
  Looked at: $JAVA_HOME, /usr/lib/jvm/*25*, and the java on PATH.
MSG
    exit 2
}
