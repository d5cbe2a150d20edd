#!/usr/bin/env bash
# JVM options for `pillar serve`, sourced by ./pillar and scripts/loadtest.sh (see docs/server.md, "Operations").
#
# Without them the JVM takes a quarter of the machine's RAM as its maximum heap, and G1 grows towards it under batch
# traffic (5.2 GB resident on a 24 GB machine, measured in docs/benchmarks.md) and keeps it. 1 GiB of heap holds two
# concurrent batches of 10,000 decisions in the full view (about 150 MB each while being answered) with room to spare;
# the periodic collection gives memory back to the system once the server has been idle for a minute.
# PILLAR_JAVA_OPTS comes after these, so it overrides them (the last -Xmx wins), e.g. PILLAR_JAVA_OPTS="-Xmx4g".
PILLAR_SERVE_JVM_DEFAULTS="-Xms64m -Xmx1g -XX:+UseG1GC -XX:G1PeriodicGCInterval=60000"

# pillar_jvm_defaults ARGS... prints the default JVM options for a pillar command line: the server's for `serve`
# (the first argument that is not an option), nothing for other commands.
pillar_jvm_defaults() {
  local arg
  for arg in "$@"; do
    if [[ "$arg" != -* ]]; then
      [[ "$arg" == serve ]] && echo "$PILLAR_SERVE_JVM_DEFAULTS"
      return 0
    fi
  done
  return 0
}
