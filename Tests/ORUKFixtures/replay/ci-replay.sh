#!/usr/bin/env bash
# CI: export the shipped content and require the validator's verdict on all nine 3.0 endpoints.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
py=""
for p in /usr/bin/python3 "$HOME/.pyenv/shims/python3" /root/.pyenv/shims/python3; do
  [ -x "$p" ] && "$p" -c 'import jsonschema, referencing' 2>/dev/null && { py="$p"; break; }
done
[ -n "$py" ] || { echo "replay: no python3 with jsonschema and referencing" >&2; exit 1; }
feed="$(mktemp -d)"; trap 'rm -rf "$feed"' EXIT
"$root/.build/debug/localoffer" export --oruk "$feed" --content "$root/content" >/dev/null
out="$(timeout 120 bash "$root/Tests/ORUKFixtures/replay/run-replay.sh" "$py" "$feed" $((20000 + RANDOM % 20000)))"
echo "$out" | grep -E '^GET |VERDICT|compliance'
echo "$out" | grep -q 'VALIDATOR VERDICT (all 9 endpoints required, as coded): PASS'
for e in '/' '/services' '/services/{id}' '/taxonomies' '/taxonomies/{id}' '/taxonomy_terms' '/taxonomy_terms/{id}' '/service_at_locations' '/service_at_locations/{id}'; do
  echo "$out" | grep -E "^GET $e " | grep -q 'PassedValidation' || { echo "replay: GET $e did not pass" >&2; exit 1; }
done
echo "replay: all nine endpoints passed validation"
