#!/usr/bin/env bash
# Runs inside the toolbox pod, in the background (see the README): one request to the Service
# every 0.1 s until /tmp/stop exists. One line per request in /tmp/load.log, "STATUS VERSION
# POD NODE" (STATUS 000: no answer at all).
url=${1:-http://app/api/info}
rm -f /tmp/stop
while [ ! -e /tmp/stop ]; do
  curl -s --max-time 2 -w ' %{http_code}\n' "$url" |
    sed -u -E 's/.*"pod":"([^"]*)".*"node":"([^"]*)".*"version":"([^"]*)".* ([0-9]{3})$/\4 \3 \1 \2/; s/^ //'
  sleep 0.1
done >/tmp/load.log
