#!/usr/bin/env bash
# Find a JDK (not just a JRE) with major version >= 21 and print its home directory.
#
# Usage:
#   scripts/find-jdk.sh              prints the JDK home, or explains and exits 1
#   source scripts/find-jdk.sh       defines pillar_find_jdk (returns 1 instead of exiting)
#     JAVA_HOME="$(pillar_find_jdk)" || exit 1
#
# Order: $JAVA_HOME, then `java` on PATH, then the highest version found under the
# usual install folders (/usr/lib/jvm/*, /opt/java/*, ~/.sdkman/candidates/java/*,
# /Library/Java/JavaVirtualMachines/*/Contents/Home).
# PILLAR_MIN_JAVA overrides the minimum major version (default 21).

# Print the major version of the JDK at $1 (e.g. 21, 25; 8 for 1.8), or nothing.
pillar_jdk_major() {
  local home="$1" version="" line
  [[ -d "$home" ]] || return 1
  if [[ -r "$home/release" ]]; then
    line="$(grep -E '^JAVA_VERSION=' "$home/release" 2>/dev/null | head -n 1)"
    version="${line#JAVA_VERSION=}"
    version="${version//\"/}"
  fi
  if [[ -z "$version" && -x "$home/bin/java" ]]; then
    version="$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
  fi
  [[ -n "$version" ]] || return 1
  if [[ "$version" == 1.* ]]; then
    version="${version#1.}"
  fi
  version="${version%%[!0-9]*}"
  [[ -n "$version" ]] || return 1
  printf '%s\n' "$version"
}

pillar_find_jdk() {
  local min="${PILLAR_MIN_JAVA:-21}"
  local seen=() candidate major real best="" best_major=0 java_bin

  # Describe a candidate for the failure message.
  _pillar_note() { seen+=("$1"); }

  # 1. JAVA_HOME
  if [[ -n "${JAVA_HOME:-}" ]]; then
    major="$(pillar_jdk_major "$JAVA_HOME" || true)"
    if [[ ! -x "$JAVA_HOME/bin/javac" ]]; then
      _pillar_note "JAVA_HOME=$JAVA_HOME (no bin/javac: not a JDK)"
    elif [[ -z "$major" ]]; then
      _pillar_note "JAVA_HOME=$JAVA_HOME (version unknown)"
    elif (( major >= min )); then
      printf '%s\n' "$JAVA_HOME"
      return 0
    else
      _pillar_note "JAVA_HOME=$JAVA_HOME (Java $major)"
    fi
  fi

  # 2. java on PATH
  if java_bin="$(command -v java 2>/dev/null)" && [[ -n "$java_bin" ]]; then
    real="$(readlink -f "$java_bin" 2>/dev/null || printf '%s' "$java_bin")"
    candidate="$(dirname "$(dirname "$real")")"
    major="$(pillar_jdk_major "$candidate" || true)"
    if [[ ! -x "$candidate/bin/javac" ]]; then
      _pillar_note "java on PATH at $candidate (Java ${major:-?}, no bin/javac: not a JDK)"
    elif [[ -n "$major" ]] && (( major >= min )); then
      printf '%s\n' "$candidate"
      return 0
    else
      _pillar_note "java on PATH at $candidate (Java ${major:-?})"
    fi
  fi

  # 3. usual install folders: take the highest version
  local dirs=() d
  shopt -s nullglob
  dirs+=(/usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home)
  shopt -u nullglob
  local visited=$'\n'
  for d in "${dirs[@]}"; do
    [[ -d "$d" ]] || continue
    real="$(readlink -f "$d" 2>/dev/null || printf '%s' "$d")"
    [[ "$visited" == *$'\n'"$real"$'\n'* ]] && continue
    visited+="$real"$'\n'
    major="$(pillar_jdk_major "$real" || true)"
    if [[ ! -x "$real/bin/javac" ]]; then
      [[ -n "$major" ]] && _pillar_note "$real (Java $major, no bin/javac)"
      continue
    fi
    [[ -n "$major" ]] || { _pillar_note "$real (version unknown)"; continue; }
    if (( major >= min && major > best_major )); then
      best="$real"
      best_major="$major"
    elif (( major < min )); then
      _pillar_note "$real (Java $major)"
    fi
  done
  if [[ -n "$best" ]]; then
    printf '%s\n' "$best"
    return 0
  fi

  {
    echo "error: no JDK $min or newer found."
    if (( ${#seen[@]} > 0 )); then
      echo "Found only:"
      printf '  - %s\n' "${seen[@]}"
    else
      echo "Found no JDK at all (looked at \$JAVA_HOME, java on PATH, /usr/lib/jvm, /opt/java, ~/.sdkman/candidates/java)."
    fi
    echo "Fix: install a JDK $min or newer (e.g. Eclipse Temurin, or your distribution's openjdk-NN-jdk package),"
    echo "     or set JAVA_HOME to the home folder of one (the folder that holds bin/javac)."
  } >&2
  return 1
}

# Executed rather than sourced: print the JDK home or fail.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  pillar_find_jdk || exit 1
fi
