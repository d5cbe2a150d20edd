#!/usr/bin/env bash
# The partnership's story through the API and the CLI alone, against a running server whose data directory is fresh
# (first started with the built-in world, so that it made the demo users):
#
#   scripts/story.sh BASE_URL [DATA_DIR]        e.g. scripts/story.sh http://localhost:8080 ./data
#
# Step by step, as a secretariat would automate it: the three delegates make keys on this machine (the private keys
# stay in a temporary directory here) and ask to enrol them, co-sign each other's first keys, the secretariat confirms
# them; consensus on KOR, formal discussions and admission of KOR to MAS-1 and UNDERSEA-2 are proposed and adopted by
# the delegates' signed votes; the secretariat nominates Hanbit Defence to MAS-1; the Korean engineer's decision on
# MAS-NAV-004 is then checked on the admission day (project scope passes, citing the acts) and the day before (DENY).
# Exits non-zero, naming the step, at the first step that fails. Needs curl and jq.
#   DATA_DIR       where the server keeps demo-users.txt (default ./data)
#   PILLAR_CLI     the command that runs the CLI (default: the ./pillar launcher next to this script)
set -euo pipefail

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  [[ $# -lt 1 ]] && exit 2 || exit 0
fi
BASE="${1%/}"
DATA="${2:-./data}"
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
read -r -a CLI <<<"${PILLAR_CLI:-$ROOT/pillar}"
for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "story: $tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done
USERS="$DATA/demo-users.txt"
[[ -r "$USERS" ]] || { echo "story: $USERS is missing: start the server on a fresh data directory with the built-in world (./pillar serve --data $DATA)" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

step=0
say() { step=$((step + 1)); printf '%2d. %s\n' "$step" "$*"; }
fail() { echo "story: step $step failed: $*" >&2; exit 1; }

# curl METHOD PATH TOKEN [BODY]: prints the body; fails the step on a status other than 2xx
api() {
  local method="$1" path="$2" token="$3" body="${4:-}" out status
  out="$WORK/response"
  status="$(curl -sS -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    ${body:+--data "$body"} "$BASE$path")" || fail "$method $path: cannot reach $BASE"
  [[ "$status" == 2* ]] || fail "$method $path answered $status: $(cat "$out")"
  cat "$out"
}
cli() { "${CLI[@]}" "$@" || fail "pillar $*"; }
password() { awk -F'\t' -v u="$1" '$1 == u { print $3 }' "$USERS"; }
token() {
  local p
  p="$(password "$1")"
  [[ -n "$p" ]] || fail "no demo user '$1' in $USERS"
  curl -sS -f -X POST -H 'Content-Type: application/json' --data "{\"username\":\"$1\",\"password\":\"$p\"}" "$BASE/api/v1/auth/token" \
    | jq -er .access_token || fail "sign-in of $1 refused"
}
day() { date -u -d "+$1 day" +%F; }

MEMBERS=(AUS GBR USA)
declare -A TOKEN
say "sign in as the secretariat, the three delegates and the compliance officer"
for u in secretariat delegate-aus delegate-gbr delegate-usa officer; do TOKEN[$u]="$(token "$u")"; done
delegate() { echo "${TOKEN[delegate-${1,,}]}"; }

say "the delegates make their keys here and ask to enrol them"
declare -A ENROLMENT
for m in "${MEMBERS[@]}"; do
  cli governance keygen --member "$m" --out "$WORK/$m.jwk" --enrol --server "$BASE" --token "$(delegate "$m")" >"$WORK/keygen-$m"
  ENROLMENT[$m]="$(sed -nE 's/^requested enrolment (K-[0-9]+) .*/\1/p' "$WORK/keygen-$m")"
  [[ -n "${ENROLMENT[$m]}" ]] || fail "no enrolment id in: $(cat "$WORK/keygen-$m")"
done

say "each delegate co-signs the other members' first keys; the secretariat confirms each"
for m in "${MEMBERS[@]}"; do
  for o in "${MEMBERS[@]}"; do
    [[ "$o" == "$m" ]] && continue
    cli governance cosign --enrolment "${ENROLMENT[$m]}" --member "$o" --key "$WORK/$o.jwk" --server "$BASE" --token "$(delegate "$o")" >/dev/null
  done
  cli governance confirm --enrolment "${ENROLMENT[$m]}" --server "$BASE" --token "${TOKEN[secretariat]}" >/dev/null
done
enrolled="$(api GET /api/v1/governance/keys "${TOKEN[officer]}" | jq '[.[] | select(.status == "ENROLLED")] | length')"
[[ "$enrolled" -ge 3 ]] || fail "expected the three keys enrolled, found $enrolled"

# propose ACTION PROJECTS_JSON EFFECTIVE DEADLINE, then every delegate signs an approval; prints the proposal id
adopt() {
  local body id status
  body="$(jq -nc --arg a "$1" --argjson p "$2" --arg e "$3" --arg d "$4" --arg s "$(day 0)" \
    '{candidate: "KOR", action: $a, effective: $e, deadline: $d, sources: [{title: "Core members'"'"' minutes (story)", date: $s}]}
     | if ($p | length) > 0 then .projects = $p else . end')"
  id="$(api POST /api/v1/governance/proposals "${TOKEN[secretariat]}" "$body" | jq -er .id)" || exit 1
  for m in "${MEMBERS[@]}"; do
    cli governance vote --proposal "$id" --member "$m" --choice approve --key "$WORK/$m.jwk" --server "$BASE" --token "$(delegate "$m")" >/dev/null
  done
  status="$(api GET "/api/v1/governance/proposals/$id" "${TOKEN[officer]}" | jq -r .status)"
  [[ "$status" == "ADOPTED" ]] || fail "$id is $status, not ADOPTED"
  echo "$id"
}

say "consensus of the core members on KOR, from $(day 2)"
adopt consensus '[]' "$(day 2)" "$(day 1)" >/dev/null
say "formal discussions with KOR, from $(day 3)"
adopt formal-discussions '[]' "$(day 3)" "$(day 2)" >/dev/null
say "admission of KOR to MAS-1 and UNDERSEA-2, from $(day 4)"
ADMISSION="$(adopt admit '["MAS-1","UNDERSEA-2"]' "$(day 4)" "$(day 3)")"

say "the secretariat nominates Hanbit Defence (KOR) to MAS-1 from $(day 4)"
cli governance nominate --organisation KR-HANBIT-DEFENCE --project MAS-1 --from "$(day 4)" --source-title "Secretariat minutes (story)" \
  --source-date "$(day 0)" --server "$BASE" --token "${TOKEN[secretariat]}" >/dev/null

decide() {
  api POST /api/v1/decisions "${TOKEN[officer]}" "{\"asOf\":\"$1\",\"item\":\"MAS-NAV-004\",\"recipient\":\"p-kor-engineer\"}"
}
say "the Korean engineer's decision on MAS-NAV-004 on $(day 4): project scope passes, citing $ADMISSION and the nomination"
after="$(decide "$(day 4)")"
scope="$(jq -r '.reasons[] | select(.layer == "scope") | .outcome' <<<"$after")"
[[ "$scope" == "PERMIT" ]] || fail "project scope is $scope on $(day 4): $after"
jq -e --arg p "$ADMISSION" '.reasons[] | select(.layer == "scope") | .citation | contains("governance act " + $p)' <<<"$after" >/dev/null \
  || fail "the scope reason does not cite $ADMISSION"
echo "    outcome $(jq -r .outcome <<<"$after") ($(jq -r '[.reasons[] | select(.layer == "export-control") | .ruleId] | join(", ")' <<<"$after"))"

say "the same decision as of $(day 3), the day before the admission, is still DENY"
before="$(decide "$(day 3)")"
[[ "$(jq -r .outcome <<<"$before")" == "DENY" ]] || fail "the day before the admission: $(jq -r .outcome <<<"$before")"

say "the governance record verifies"
ok="$(api GET /api/v1/governance/verify "${TOKEN[officer]}" | jq -r .ok)"
[[ "$ok" == "true" ]] || fail "governance verify: $(cat "$WORK/response")"
echo "story complete; after stopping the server, check the record offline: pillar governance verify --data $DATA and pillar audit verify --data $DATA"
