#!/usr/bin/env bash
# Installs the Debian packages that Pillar's tests use, when they are missing (sourced by ./test):
#   chromium, chromium-driver   the console's browser tests (Debian's builds; never a download)
#   golang-go, golang-golang-x-mod-dev   the audit log's interoperability test with Go's sumdb/note and sumdb/tlog
#   nodejs, npm                 the governance bundles' JOSE interoperability test (npm's jose, installed by ./test)
# As root it runs apt-get; otherwise it names the packages to install and fails.
pillar_test_deps() {
  local need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
  command -v go >/dev/null 2>&1 || need+=(golang-go)
  [ -d /usr/share/gocode/src/golang.org/x/mod/sumdb/tlog ] || need+=(golang-golang-x-mod-dev)
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  command -v npm >/dev/null 2>&1 || need+=(npm)
  ((${#need[@]} == 0)) && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "error: the tests need the Debian packages ${need[*]}: run apt-get install ${need[*]} as root" >&2
      return 1
    fi
  fi
  echo "installing Debian packages for the tests: ${need[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2 \
    || { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
         && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2; }
}
