#!/usr/bin/env bash
# Lab 6 check: short, fully qualified, headless and cross-namespace names resolve and answer.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

services() {
  expect "ready web replicas" "$(jp deploy/web '{.status.readyReplicas}')" 2
  expect "web type" "$(jp svc/web '{.spec.type}')" ClusterIP
  expect "web-headless clusterIP" "$(jp svc/web-headless '{.spec.clusterIP}')" None
  expect "web-headless selector" "$(jp svc/web-headless '{.spec.selector.app}')" web
}
search_list() { tb cat /etc/resolv.conf | contains "^search $NS\.svc\.cluster\.local svc\.cluster\.local cluster\.local"; }
cluster_ip() { jp svc/web '{.spec.clusterIP}'; }
short_name() {
  local ip got
  ip=$(cluster_ip) && need "service web's cluster IP" "$ip"
  got=$(tb dig +short +search web)
  expect "dig +search web" "$got" "$ip"
}
fqdn() {
  local ip got
  ip=$(cluster_ip) && need "service web's cluster IP" "$ip"
  got=$(tb dig +short "web.$NS.svc.cluster.local")
  expect "dig web.$NS.svc.cluster.local" "$got" "$ip"
  tb curl -sf --max-time 5 "http://web.$NS.svc.cluster.local/api/info" | contains '"pod":"web-'
}
headless() {
  local want got
  want=$(kn get pods -l app=web -o jsonpath='{range .items[*]}{.status.podIP}{"\n"}{end}' | sort | xargs)
  need "web pod IPs" "$want"
  got=$(tb dig +short "web-headless.$NS.svc.cluster.local" | sort | xargs)
  expect "web-headless A records" "$got" "$want"
}
cross_namespace() { tb curl -sf --max-time 5 http://app-service.podlab/api/info | contains '"namespace":"podlab"'; }

echo "lab 6: service discovery with DNS"
pod_security
step "deployment web (2 ready), service web and headless service web-headless" \
  "kubectl expose deployment web ...; ... --name=web-headless --cluster-ip=None --port=8080" services
step "the toolbox's resolv.conf searches $NS.svc.cluster.local first" \
  "kubectl run toolbox --image=$TOOLBOX --command -- sleep infinity" search_list
step "short name web resolves to web's cluster IP" "kubectl exec toolbox -- dig +short +search web" short_name
step "web.$NS.svc.cluster.local resolves and answers" \
  "kubectl exec toolbox -- curl -sS http://web.$NS.svc.cluster.local/api/info" fqdn
step "web-headless resolves to the web pods' IPs" \
  "kubectl exec toolbox -- dig +short web-headless.$NS.svc.cluster.local" headless
step "app-service.podlab reaches the workshop app in namespace podlab" \
  "is the workshop app deployed? make deploy; kubectl -n podlab get svc app-service" cross_namespace
finish
