#!/usr/bin/env bash
# Runs inside the toolbox pod, in the background (see the README): one request to the Service
# every 0.1 s until /tmp/stop exists. One line per request in /tmp/load.log: "STATUS VERSION POD
# NODE" for an answer from the app; "STATUS TIME ERROR" for anything else (STATUS 000: no
# answer at all within 5 s, and curl's error says why).
url=${1:-http://app/api/info}
rm -f /tmp/stop
while [ ! -e /tmp/stop ]; do
  out=$(curl -sS --max-time 5 -w ' %{http_code}' "$url" 2>&1)
  status=${out##* } body=${out% *}
  if [[ $body =~ \"pod\":\"([^\"]*)\".*\"node\":\"([^\"]*)\".*\"version\":\"([^\"]*)\" ]]; then
    echo "$status ${BASH_REMATCH[3]} ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
  else
    echo "$status $(date +%T) ${body//$'\n'/ }"
  fi
  sleep 0.1
done >/tmp/load.log
