#!/usr/bin/env bash
# Prints the home of a JDK 21 or newer (the build targets Java 21): $JAVA_HOME, the JDK on
# PATH, or the newest under /usr/lib/jvm. Exits 1 when there is none.
set -euo pipefail

major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/{print $2}'; }

candidates=()
[[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
command -v javac >/dev/null && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
while read -r d; do candidates+=("$d"); done < <(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -rV)

for home in "${candidates[@]}"; do
  if [[ -x $home/bin/javac ]] && (($(major "$home") >= 21)); then
    echo "$home"
    exit 0
  fi
done
echo "no JDK 21+ found (checked JAVA_HOME, PATH, /usr/lib/jvm): install one, e.g. apt-get install openjdk-21-jdk-headless on Debian 13" >&2
exit 1
