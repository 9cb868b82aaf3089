#!/usr/bin/env bash
# Lab 5 check: every Service type works, endpoints match the pods, selectors pick the right pod.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

# ready_endpoints SERVICE: sorted ready endpoint IPs from its EndpointSlices.
ready_endpoints() {
  kn get endpointslices -l "kubernetes.io/service-name=$1" \
    -o jsonpath='{range .items[*].endpoints[?(@.conditions.ready==true)]}{.addresses[0]}{"\n"}{end}' | sort
}
pod_ips() { kn get pods -l "$1" -o jsonpath='{range .items[*]}{.status.podIP}{"\n"}{end}' | sort; }

deployment_ready() {
  expect image "$(jp deploy/web '{.spec.template.spec.containers[0].image}')" "$APP"
  expect "ready replicas" "$(jp deploy/web '{.status.readyReplicas}')" 3
}
cluster_ip_service() {
  expect type "$(jp svc/web '{.spec.type}')" ClusterIP
  expect selector "$(jp svc/web '{.spec.selector}')" '{"app":"web"}'
  expect "port -> targetPort" "$(jp svc/web '{.spec.ports[0].port}->{.spec.ports[0].targetPort}')" "80->8080"
}
endpoints_match() {
  local want got
  want=$(pod_ips app=web | xargs) && need "web pod IPs" "$want"
  got=$(ready_endpoints web | xargs)
  expect "ready endpoints of web" "$got" "$want"
}
balanced() {
  local answered
  answered=$(tb sh -c 'for i in $(seq 30); do curl -sf --max-time 3 http://web/api/info; echo; done' |
    grep -o '"pod":"[^"]*"' | sort -u | wc -l)
  expect "distinct pods answering 30 requests" "$answered" 3
}
node_port() {
  expect nodePort "$(jp svc/web-nodeport '{.spec.type}:{.spec.ports[0].nodePort}')" NodePort:30081
  local answer
  # No readiness probe in a `create deployment` pod: one still starting may refuse; retry that.
  answer=$(curl -sS --max-time 5 --retry 5 --retry-all-errors --retry-delay 1 http://127.0.0.1:30081/api/info)
  { contains '"namespace":"lab5"' <<<"$answer" && contains '"pod":"web-' <<<"$answer"; } ||
    { echo "answer: $answer"; return 1; }
}
load_balancer() {
  expect type "$(jp svc/web-lb '{.spec.type}')" LoadBalancer
  [[ -n $(jp svc/web-lb '{.spec.ports[0].nodePort}') ]] || { echo "no node port"; return 1; }
  local ip
  ip=$(jp svc/web-lb '{.status.loadBalancer.ingress[0].ip}')
  [[ -n $ip ]] || { echo "EXTERNAL-IP still <pending>"; return 1; }
  tb curl -sS --max-time 5 "http://$ip/api/info" | contains '"pod":"web-'
}
external_name() {
  expect type "$(jp svc/web-external '{.spec.type}')" ExternalName
  local got
  got=$(tb dig +short "web-external.$NS.svc.cluster.local" CNAME)
  expect CNAME "$got" kubernetes.default.svc.cluster.local.
}
canary() {
  expect selector "$(jp svc/web-canary '{.spec.selector.track}')" canary
  local ips
  ips=$(ready_endpoints web-canary | xargs)
  [[ -n $ips ]] || { echo "web-canary has no endpoints: label one web pod track=canary"; return 1; }
  expect "web-canary endpoints" "$ips" "$(pod_ips app=web,track=canary | xargs)"
  expect "pods labelled track=canary" "$(pod_ips app=web,track=canary | wc -l)" 1
}

echo "lab 5: Services"
step "deployment web runs 3 ready replicas of $APP" \
  "kubectl -n lab5 create deployment web --image=$APP --replicas=3 --port=8080" deployment_ready
step "service web: ClusterIP, selector app=web, port 80 -> 8080" \
  "kubectl -n lab5 expose deployment web --port=80 --target-port=8080" cluster_ip_service
step "web's EndpointSlices list exactly the web pods' IPs, ready" \
  "kubectl -n lab5 get endpointslices -l kubernetes.io/service-name=web" endpoints_match
step "30 requests to http://web from the toolbox reach all 3 pods" \
  "kubectl -n lab5 run toolbox --image=$TOOLBOX --command -- sleep infinity" balanced
step "NodePort 30081 answers on 127.0.0.1 from a web pod" \
  "kubectl -n lab5 apply -f labs/05-services/services.yaml; is another NodePort on 30081 (e2e tests)?" node_port
step "LoadBalancer web-lb has a node port and an EXTERNAL-IP that serves" \
  "kubectl -n lab5 apply -f labs/05-services/services.yaml" load_balancer
step "ExternalName web-external is a DNS CNAME" "kubectl -n lab5 apply -f labs/05-services/services.yaml" external_name
step "web-canary selects exactly the one pod labelled track=canary" \
  "kubectl -n lab5 label pod <one web pod> track=canary" canary
finish
