#!/usr/bin/env bash
# Makes the migration fixture data.zip + facts.json (see README.md beside this script).
#
# Usage:  make-fixture.sh PILLAR_CHECKOUT OUT_DIR
#   PILLAR_CHECKOUT  a checkout (e.g. a git worktree) of the release to capture; target/pillar.jar is built there if needed
#   OUT_DIR          where data.zip, facts.json and the raw transcripts (OUT_DIR/work) are written
# Environment: PORT (default 18931), DATA (default /tmp/fixture-data; removed and made anew).
#
# Needs: curl, jq, zip. Only talks to 127.0.0.1. Every key made here is a test key for this fixture.
set -euo pipefail

PILLAR_DIR=$(cd "${1:?usage: make-fixture.sh PILLAR_CHECKOUT OUT_DIR}" && pwd)
OUT=$(mkdir -p "${2:?usage: make-fixture.sh PILLAR_CHECKOUT OUT_DIR}" && cd "$2" && pwd)
PORT=${PORT:-18931}
DATA=${DATA:-/tmp/fixture-data}
P=http://127.0.0.1:$PORT
W=$OUT/work
PILLAR=$PILLAR_DIR/pillar

rm -rf "$DATA" "$W"
mkdir -p "$W/bodies"
: > "$W/calls.log"

# ---- build, start ---------------------------------------------------------------------------------------------------
(
  cd "$PILLAR_DIR"
  source scripts/find-jdk.sh
  JAVA_HOME=$(pillar_find_jdk); export JAVA_HOME
  [[ -f target/pillar.jar ]] || ./mvnw -q -B -DskipTests package
)
COMMIT=$(git -C "$PILLAR_DIR" rev-parse HEAD)
POM_VERSION=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$PILLAR_DIR/pom.xml")
MIGRATIONS=$(cd "$PILLAR_DIR/src/main/resources/db/migration" && ls | jq -R . | jq -sc .)

"$PILLAR" serve --port "$PORT" --data "$DATA" > "$W/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill -TERM $SERVER_PID 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf "$P/health" > /dev/null && break; sleep 1; done
curl -sf "$P/health" > "$W/health-at-start.json"
ADMIN=$(cat "$DATA/admin-token")
ADMIN_PASSWORD=$(sed -n "s/.*created user 'admin' with password \([^ ]*\) .*/\1/p" "$W/server.log")

# call EXPECTED_STATUS METHOD PATH TOKEN [BODY_FILE_OR_JSON] [EXTRA_CURL_ARGS...]: prints the body, fails on another status
call() {
  local want=$1 method=$2 path=$3 token=$4 body=${5:-}
  shift $(( $# < 5 ? $# : 5 ))
  local n=$(( $(wc -l < "$W/calls.log") + 1 ))
  local args=(-s -X "$method" "$P$path" -D "$W/headers" -o "$W/body" -w '%{http_code}')
  [[ -n $token ]] && args+=(-H "Authorization: Bearer $token")
  if [[ -n $body ]]; then
    args+=(-H 'Content-Type: application/json')
    if [[ -f $body ]]; then args+=(--data-binary "@$body"); else args+=(--data-binary "$body"); fi
  fi
  local status
  status=$(curl "${args[@]}" "$@")
  echo "$n $method $path -> $status" >> "$W/calls.log"
  if [[ $status != "$want" ]]; then
    echo "FAILED: $method $path answered $status, expected $want:" >&2; cat "$W/body" >&2; echo >&2
    exit 1
  fi
  cat "$W/body"
}
etag() { tr -d '\r' < "$W/headers" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p'; }

# ---- users (docs/access.md) -------------------------------------------------------------------------------------------
PW='fixture password 2026-11-29'
mkuser() { call 201 POST /api/v1/users "$ADMIN" "$1" > /dev/null; }
mkuser '{"username":"sec","password":"'"$PW"'","role":"secretariat"}'
mkuser '{"username":"officer","password":"'"$PW"'","role":"compliance-officer"}'
mkuser '{"username":"del-aus","password":"'"$PW"'","role":"delegate","country":"AUS"}'
mkuser '{"username":"del-gbr","password":"'"$PW"'","role":"delegate","country":"GBR"}'
mkuser '{"username":"del-usa","password":"'"$PW"'","role":"delegate","country":"USA"}'
mkuser '{"username":"eng-sonar","password":"'"$PW"'","role":"engineer","organisation":"GB-BRITANNIA-SONAR"}'
token() { call 200 POST /api/v1/auth/token "" '{"username":"'"$1"'","password":"'"$PW"'"}' | jq -r .access_token; }
SEC=$(token sec); OFFICER=$(token officer); ENG=$(token eng-sonar)
DEL_AUS=$(token del-aus); DEL_GBR=$(token del-gbr); DEL_USA=$(token del-usa)

# ---- decisions ------------------------------------------------------------------------------------------------------------
: > "$W/decisions.jsonl"
decide() { # decide LABEL TOKEN BODY
  local label=$1 token=$2 body=$3 answer
  answer=$(call 201 POST /api/v1/decisions "$token" "$body")
  jq -c --arg lbl "$label" --argjson request "$body" \
     '{"label": $lbl, decisionId, outcome, basis, asOf, worldVersion, via: "POST /api/v1/decisions", request: $request}' <<< "$answer" >> "$W/decisions.jsonl"
}
INLINE_PERMIT='{"asOf":"2024-10-01","item":{"originator":"USA","classification":"USA:SECRET","releasableTo":["USA","AUS","GBR"],"noforn":false,"control":"ITAR:XI(d)","technologies":[],"project":"UNDERSEA-1","valueUsd":0},"recipient":{"citizenships":["GBR"],"residencies":[],"location":"GBR","clearance":"GBR:SECRET","organisation":{"country":"GBR","kind":"INDUSTRY","authorizedUser":true,"ddtcRegistered":false}}}'
INLINE_REVIEW=$(jq -c '.item.releasableTo = []' <<< "$INLINE_PERMIT")
decide permit-126.7          "$ADMIN" '{"asOf":"2024-10-01","item":"A-UNDERSEA-001","recipient":"p-gbr-engineer"}'
decide before-exemption      "$ADMIN" '{"asOf":"2024-08-01","item":"A-UNDERSEA-001","recipient":"p-gbr-engineer"}'
decide deny-noforn           "$SEC"   '{"asOf":"2024-10-01","item":"NF-UNDERSEA-003","recipient":"p-gbr-engineer"}'
decide deny-kor-not-in-project "$DEL_GBR" '{"asOf":"2024-10-01","item":"MAS-AI-010","recipient":"p-kor-engineer"}'
decide inline-permit         "$OFFICER" "$INLINE_PERMIT"
decide inline-review         "$ADMIN" "$INLINE_REVIEW"
decide engineer-etl          "$ENG"   '{"asOf":"2024-10-01","item":"A-UNDERSEA-002","recipient":"p-gbr-engineer"}'

batch() { # batch LABEL VIEW_QUERY BODY
  local label=$1 query=$2 body=$3 answer
  answer=$(call 200 POST "/api/v1/decisions/batch$query" "$ADMIN" "$body")
  jq -c --arg lbl "$label" --arg via "POST /api/v1/decisions/batch$query" --argjson requests "$body" \
     '.results | to_entries[] | {"label": ($lbl + "[" + (.key|tostring) + "]"), decisionId: .value.decisionId, outcome: .value.outcome,
       basis: .value.basis, asOf: .value.asOf, worldVersion: .value.worldVersion, via: $via, request: $requests.requests[.key]}' \
     <<< "$answer" >> "$W/decisions.jsonl"
}
batch batch '' '{"requests":[
  {"asOf":"2024-10-01","item":"MAS-NAV-004","recipient":"p-jpn-engineer"},
  {"asOf":"2024-10-01","item":"A-UNDERSEA-001","recipient":"p-gbr-chn-dual"},
  {"asOf":"2024-10-01","item":"Q-PNT-005","recipient":"p-kor-in-usa"}]}'
batch batch-outcome-view '?view=outcome' '{"requests":[
  {"asOf":"2024-10-01","item":"SSN-REACTOR-009","recipient":"p-aus-engineer"},
  {"asOf":"2024-10-01","item":"A-UNDERSEA-001","recipient":"p-gbr-thames"}]}'

# ---- documents: an organisation created, an item updated with If-Match ---------------------------------------------
call 201 POST /api/v1/organisations "$SEC" '{"id":"GB-FIXTURE-OCEANICS","name":"Fixture Oceanics Ltd (fictional, migration fixture)","country":"GBR","kind":"industry","fictional":true,"projects":["UNDERSEA-1"]}' > /dev/null
call 200 GET /api/v1/items/X-SONAR-TRAINING-006 "$OFFICER" > "$W/item.json"
ITEM_ETAG=$(etag)
jq '.title = "Sonar operator training material, revised (fictional)"' "$W/item.json" > "$W/item-changed.json"
call 200 PUT /api/v1/items/X-SONAR-TRAINING-006 "$OFFICER" "$W/item-changed.json" -H "If-Match: $ITEM_ETAG" > /dev/null
ITEM_ETAG_AFTER=$(etag)

# ---- rule data: version 2 = the rules in force, posted again --------------------------------------------------------
call 200 GET /api/v1/rules/1 "$OFFICER" > "$W/rules-1.json"
call 201 POST "/api/v1/rules?note=migration%20fixture%3A%20rules%20v1%20posted%20again" "$OFFICER" "$W/rules-1.json" > "$W/rules-created.json"

# ---- governance: member keys (test keys, DATA/keys), two proposals -----------------------------------------------------
for m in AUS GBR USA; do
  "$PILLAR" governance keygen --member "$m" --data "$DATA" > "$W/keygen-$m.txt"
  tail -1 "$W/keygen-$m.txt" | sed 's/^ *//' > "$W/memberkey-$m.json"
done
call 200 GET /api/v1/partnership "$ADMIN" > "$W/partnership.json"
PART_ETAG=$(etag)
jq --slurpfile a "$W/memberkey-AUS.json" --slurpfile g "$W/memberkey-GBR.json" --slurpfile u "$W/memberkey-USA.json" \
   '.partnership.memberKeys += ($a + $g + $u)' "$W/partnership.json" > "$W/partnership-keys.json"
call 200 PUT /api/v1/partnership "$ADMIN" "$W/partnership-keys.json" -H "If-Match: $PART_ETAG" > /dev/null
keyfile() { ls "$DATA"/keys/"$1"-*.jwk; }

TODAY=$(date -u +%F)
DEADLINE=$(date -u -d "$TODAY + 1 day" +%FT12:00:00Z)
EFFECTIVE=$(date -u -d "$TODAY + 2 days" +%F)
# P-1: admit KOR to MAS-1; all three core members approve -> ADOPTED
call 201 POST /api/v1/governance/proposals "$SEC" '{"candidate":"KOR","action":"admit","projects":["MAS-1"],"effective":"'"$EFFECTIVE"'","deadline":"'"$DEADLINE"'",
  "sources":[{"title":"Core members decision (fictional minutes, migration fixture)","date":"'"$TODAY"'"}],"note":"migration fixture"}' > "$W/p1.json"
P1=$(jq -r .id "$W/p1.json"); P1_DIGEST=$(jq -r .digest "$W/p1.json")
vote() { # vote PROPOSAL DIGEST MEMBER TOKEN CHOICE [REASON]
  local jws
  jws=$("$PILLAR" governance vote --proposal "$1" --member "$3" --choice "$5" ${6:+--reason "$6"} --key "$(keyfile "$3")" --sign-only --digest "$2")
  call 201 POST "/api/v1/governance/proposals/$1/votes" "$4" "{\"jws\":\"$jws\"}" > /dev/null
}
vote "$P1" "$P1_DIGEST" AUS "$DEL_AUS" approve
vote "$P1" "$P1_DIGEST" GBR "$DEL_GBR" approve
vote "$P1" "$P1_DIGEST" USA "$DEL_USA" approve
# P-2: consensus on CAN; GBR approves, USA objects -> REJECTED
call 201 POST /api/v1/governance/proposals "$DEL_GBR" '{"candidate":"CAN","action":"consensus","effective":"'"$EFFECTIVE"'","deadline":"'"$DEADLINE"'",
  "sources":[{"title":"Delegates meeting (fictional minutes, migration fixture)","citation":"item 4","date":"'"$TODAY"'"}]}' > "$W/p2.json"
P2=$(jq -r .id "$W/p2.json"); P2_DIGEST=$(jq -r .digest "$W/p2.json")
vote "$P2" "$P2_DIGEST" GBR "$DEL_GBR" approve
vote "$P2" "$P2_DIGEST" USA "$DEL_USA" object "export controls first (fixture)"

# ---- witnesses: a witness key per core member (test keys, DATA/witnesses), cosign twice --------------------------------
call 200 GET /api/v1/audit/key "$ADMIN" > "$W/log-key.txt"
LOG_KEY=$(tr -d '\n' < "$W/log-key.txt")
mkdir -p "$DATA/witnesses"
for m in AUS GBR USA; do
  lc=$(tr 'A-Z' 'a-z' <<< "$m")
  "$PILLAR" audit witness-key --name "$lc.example/pillar-witness" --out "$DATA/witnesses/$lc-witness.key" > "$W/witness-key-$m.txt"
  tok=DEL_$m
  call 201 POST /api/v1/audit/witnesses "${!tok}" '{"member":"'"$m"'","key":"'"$(tail -1 "$W/witness-key-$m.txt")"'"}' > /dev/null
  printf '%s' "${!tok}" > "$W/token-$m"
done
witness_all() {
  sleep 2   # the server signs a checkpoint each second while the log grows
  for m in AUS GBR USA; do
    lc=$(tr 'A-Z' 'a-z' <<< "$m")
    rc=0
    "$PILLAR" audit witness --key "$DATA/witnesses/$lc-witness.key" --state "$DATA/witnesses/$lc-state" --server "$P" \
        --token-file "$W/token-$m" --log-key "$LOG_KEY" >> "$W/witness-runs.txt" 2>&1 || rc=$?
    echo "witness $m run $1: rc=$rc" >> "$W/witness-runs.txt"
  done
}
witness_all 1

# ---- after everything: one more decision (new world version), cosigned again --------------------------------------------
decide permit-after-changes "$ADMIN" '{"asOf":"2024-10-01","item":"A-UNDERSEA-001","recipient":"p-gbr-engineer"}'
witness_all 2

# ---- read back --------------------------------------------------------------------------------------------------------------
for label in permit-126.7 inline-review batch-outcome-view[0]; do
  id=$(jq -r --arg l "$label" 'select(.["label"] == $l) | .decisionId' "$W/decisions.jsonl")
  call 200 GET "/api/v1/decisions/$id" "$ADMIN" > "$W/bodies/$id.json"
done
call 200 GET /health "" > "$W/health.json"
call 200 GET /api/v1/users "$ADMIN" > "$W/users.json"
call 200 GET /api/v1/rules "$ADMIN" > "$W/rules.json"
call 200 GET /api/v1/governance/acts "$ADMIN" > "$W/acts.json"
call 200 GET /api/v1/governance/proposals "$ADMIN" > "$W/proposals.json"
call 200 GET /api/v1/governance/verify "$ADMIN" > "$W/governance-verify-api.json"
call 200 GET /api/v1/audit/checkpoint "$ADMIN" > "$W/checkpoint.txt"
call 200 GET /api/v1/audit/witnesses "$ADMIN" > "$W/witnesses.json"
call 200 GET "/api/v1/audit/checkpoints?limit=5" "$ADMIN" > "$W/checkpoints.json"
call 200 GET /api/v1/organisations/GB-FIXTURE-OCEANICS "$ADMIN" > "$W/org.json"
call 200 GET /api/v1/partnership/candidates "$ADMIN" > "$W/candidates.json"

# ---- stop cleanly, verify offline ---------------------------------------------------------------------------------------
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" && SERVER_RC=0 || SERVER_RC=$?
trap - EXIT
set +e
"$PILLAR" audit verify --data "$DATA" > "$W/audit-verify.txt" 2>&1; AUDIT_RC=$?
"$PILLAR" governance verify --data "$DATA" > "$W/governance-verify.txt" 2>&1; GOV_RC=$?
"$PILLAR" governance show --data "$DATA" > "$W/governance-show.txt" 2>&1
"$PILLAR" audit checkpoint --data "$DATA" > "$W/audit-checkpoint.txt" 2>&1
set -e

# ---- facts.json ---------------------------------------------------------------------------------------------------------------
AUDIT_ENTRIES=$(grep -oE '[0-9]+ entries' "$W/audit-verify.txt" | head -1 | grep -oE '[0-9]+' || true)
bodies=$(for f in "$W"/bodies/*.json; do jq -c --arg id "$(basename "$f" .json)" '{($id): .}' "$f"; done | jq -s add)
jq -n \
  --arg commit "$COMMIT" --arg pomVersion "$POM_VERSION" --argjson migrations "$MIGRATIONS" --arg made "$(date -u +%FT%TZ)" \
  --slurpfile health "$W/health.json" --slurpfile healthStart "$W/health-at-start.json" \
  --slurpfile decisions <(cat "$W/decisions.jsonl") --argjson bodies "$bodies" \
  --slurpfile users "$W/users.json" --slurpfile rules "$W/rules.json" --slurpfile acts "$W/acts.json" \
  --slurpfile proposals "$W/proposals.json" --slurpfile govApi "$W/governance-verify-api.json" \
  --slurpfile witnesses "$W/witnesses.json" --slurpfile checkpoints "$W/checkpoints.json" \
  --arg auditEntries "$AUDIT_ENTRIES" \
  --rawfile auditVerify "$W/audit-verify.txt" --argjson auditRc "$AUDIT_RC" \
  --rawfile govVerify "$W/governance-verify.txt" --argjson govRc "$GOV_RC" \
  --rawfile govShow "$W/governance-show.txt" --rawfile checkpoint "$W/audit-checkpoint.txt" \
  --arg logKey "$LOG_KEY" --arg pw "$PW" --arg adminPw "$ADMIN_PASSWORD" --argjson serverRc "$SERVER_RC" \
  --arg itemEtagBefore "$ITEM_ETAG" --arg itemEtagAfter "$ITEM_ETAG_AFTER" \
  '{
    fixture: "release-2026-11-29",
    madeWithCommit: $commit,
    pomVersion: $pomVersion,
    schemaMigrations: $migrations,
    madeAt: $made,
    worldVersionAtFirstStart: $healthStart[0].worldVersion,
    worldVersion: $health[0].worldVersion,
    health: $health[0],
    decisions: $decisions,
    decisionBodies: $bodies,
    documents: {
      created: [{kind: "organisation", id: "GB-FIXTURE-OCEANICS", by: "sec"}],
      updated: [{kind: "item", id: "X-SONAR-TRAINING-006", by: "officer", ifMatch: $itemEtagBefore, etagAfter: $itemEtagAfter,
                 title: "Sonar operator training material, revised (fictional)"},
                {kind: "partnership", by: "admin", change: "memberKeys: one Ed25519 key each for AUS, GBR, USA (DATA/keys/*.jwk)"}]
    },
    ruleVersions: $rules[0],
    users: ($users[0] | map({username, role, country, organisation, disabled})),
    usernames: ($users[0] | map(.username)),
    passwords: {admin: $adminPw, others: $pw, note: "test credentials of this fixture; the admin token is DATA/admin-token (valid one year from madeAt)"},
    governance: {
      acts: ($acts[0] | if type == "array" then length else (.acts // .items | length) end),
      proposals: ($proposals[0] | map({id, candidate, action, status, digest, votes: (.votes | map({member, choice}))})),
      verifyApi: $govApi[0],
      verifyCli: {exitCode: $govRc, output: $govVerify},
      showCli: $govShow
    },
    audit: {
      entries: (if $auditEntries == "" then null else ($auditEntries | tonumber) end),
      logKey: $logKey,
      verifyCli: {exitCode: $auditRc, output: $auditVerify},
      latestCheckpointCli: $checkpoint,
      witnesses: $witnesses[0],
      latestCheckpoints: $checkpoints[0]
    },
    serverExitCode: $serverRc
  }' > "$OUT/facts.json"

# ---- data.zip -------------------------------------------------------------------------------------------------------------------
rm -f "$OUT/data.zip"
(cd "$DATA" && zip -q -r -9 -X "$OUT/data.zip" .)
unzip -l "$OUT/data.zip" > "$W/zip-listing.txt"
ls -l "$OUT/data.zip"
echo "done: $OUT/data.zip $OUT/facts.json (audit verify rc=$AUDIT_RC, governance verify rc=$GOV_RC)"
