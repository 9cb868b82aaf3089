#!/usr/bin/env bash
# Lab 5 check: every Service type works, endpoints match the pods, selectors pick the right pod.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

# ready_endpoints SERVICE: sorted ready endpoint IPs from its EndpointSlices.
ready_endpoints() {
  kn get endpointslices -l "kubernetes.io/service-name=$1" \
    -o jsonpath='{range .items[*].endpoints[?(@.conditions.ready==true)]}{.addresses[0]}{"\n"}{end}' | sort
}
# pod_ips SELECTOR: sorted IPs of the pods not being deleted (a terminating pod soon has no endpoint).
pod_ips() { pod_states "$1" | awk '{print $2}' | sort; }
ready_pod_ips() { pod_states "$1" | awk '$3 == "True" {print $2}' | sort; }

deployment_ready() {
  expect image "$(jp deploy/web '{.spec.template.spec.containers[0].image}')" "$APP"
  expect "replicas" "$(jp deploy/web '{.status.updatedReplicas}/{.status.replicas}')" 3/3
}
cluster_ip_service() {
  expect type "$(jp svc/web '{.spec.type}')" ClusterIP
  expect selector "$(jp svc/web '{.spec.selector}')" '{"app":"web"}'
  expect "port -> targetPort" "$(jp svc/web '{.spec.ports[0].port}->{.spec.ports[0].targetPort}')" "80->8080"
}
endpoints_match() {
  local want
  want=$(pod_ips app=web | xargs) && need "web pod IPs" "$want"
  # A terminating pod keeps its endpoint (terminating=true) until it is gone: not counted.
  expect "endpoints of web" "$(kn get endpointslices -l kubernetes.io/service-name=web \
    -o jsonpath='{range .items[*].endpoints[*]}{.addresses[0]} {.conditions.terminating}{"\n"}{end}' |
    awk '$2 != "true" {print $1}' | sort | xargs)" "$want"
  expect "ready endpoints of web" "$(ready_endpoints web | xargs)" "$(ready_pod_ips app=web | xargs)"
}
balanced() {
  local answered
  answered=$(tb sh -c 'for i in $(seq 30); do curl -sf --max-time 3 http://web/api/info; echo; done' |
    grep -o '"pod":"[^"]*"' | sort -u | wc -l)
  expect "distinct pods answering 30 requests" "$answered" "$(ready_pod_ips app=web | wc -l)"
}
# Step 6: the readiness probe is in, and one of 3 pods switched its readiness off.
readiness_switched_off() {
  local ready unready
  expect "readiness probe path" "$(jp deploy/web '{.spec.template.spec.containers[0].readinessProbe.httpGet.path}')" /ready
  ready=$(ready_endpoints web | xargs)
  unready=$(pod_states app=web | awk '$3 == "False" && $4 == 0 {print $2}' | xargs)
  expect "web pods: not ready (readiness switched off, no restart) / ready" \
    "$(wc -w <<<"$unready" | xargs)/$(wc -w <<<"$ready" | xargs)" 1/2
  [[ $(tb curl -s --max-time 3 "http://$unready:8080/ready") == *'switched off'* ]] ||
    { echo "$unready is not ready, but not because its readiness was switched off"; return 1; }
}
# And $WORKER's NAT table has one KUBE-SEP jump in web's KUBE-SVC chain per ready endpoint.
kube_proxy_rules() {
  local ready jumps
  ready=$(ready_endpoints web | xargs) && need "ready endpoints of web" "$ready"
  jumps=$(docker exec "$WORKER" iptables-save -t nat |
    sed -n 's/^-A KUBE-SVC-[A-Z0-9]* -m comment --comment "lab5\/web -> \([0-9.]*\):8080".* -j KUBE-SEP-.*/\1/p' | sort | xargs)
  expect "KUBE-SEP jumps in web's KUBE-SVC chain on $WORKER (pod IPs)" "$jumps" "$ready"
}
node_port() {
  expect "web-nodeport type" "$(jp svc/web-nodeport '{.spec.type}')" NodePort
  [[ -n $(jp svc/web-nodeport '{.spec.ports[0].nodePort}') ]] || { echo "no node port"; return 1; }
}
node_port_30081() {
  expect nodePort "$(jp svc/web-nodeport '{.spec.type}:{.spec.ports[0].nodePort}')" NodePort:30081
  local answer
  # No readiness probe in a `create deployment` pod: one still starting may refuse; retry that.
  answer=$(curl -sS --max-time 5 --retry 5 --retry-all-errors --retry-delay 1 http://127.0.0.1:30081/api/info)
  { contains "\"namespace\":\"$NS\"" <<<"$answer" && contains '"pod":"web-' <<<"$answer"; } ||
    { echo "answer: $answer"; return 1; }
}
load_balancer() {
  expect type "$(jp svc/web-lb '{.spec.type}')" LoadBalancer
  [[ -n $(jp svc/web-lb '{.spec.ports[0].nodePort}') ]] || { echo "no node port"; return 1; }
  local ip
  ip=$(jp svc/web-lb '{.status.loadBalancer.ingress[0].ip}')
  [[ -n $ip ]] || { echo "EXTERNAL-IP still <pending>"; return 1; }
}
load_balancer_serves() {
  tb curl -sS --max-time 5 "http://$(jp svc/web-lb '{.status.loadBalancer.ingress[0].ip}')/api/info" | contains '"pod":"web-'
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
pod_security
step "deployment web runs 3 replicas of $APP" \
  "kubectl create deployment web --image=$APP --replicas=3 --port=8080" deployment_ready
step "service web: ClusterIP, selector app=web, port 80 -> 8080" \
  "kubectl expose deployment web --port=80 --target-port=8080" cluster_ip_service
step "web's EndpointSlices list exactly the web pods' IPs, ready where the pod is Ready" \
  "kubectl get endpointslices -l kubernetes.io/service-name=web" endpoints_match
step "30 requests to http://web from the toolbox reach every ready pod" \
  "kubectl run toolbox --image=$TOOLBOX --command -- sleep infinity" balanced
step "web has a readiness probe; one of its 3 pods switched its readiness off" \
  "README step 6: kubectl patch deployment web --patch-file labs/05-services/readiness.yaml, then POST /admin/readiness/fail to one web pod" \
  readiness_switched_off
demo_step "kube-proxy: one KUBE-SEP chain per ready endpoint of web; the pod switched unready has none" \
  "README step 6: the rules on $WORKER (docker exec $WORKER iptables-save -t nat)" kube_proxy_rules
step "web-nodeport is a NodePort Service" "kubectl apply -f labs/05-services/services.yaml" node_port
demo_step "NodePort 30081 answers on 127.0.0.1 from a web pod" \
  "README step 5: kubectl patch svc web-nodeport ... 30081; is another NodePort on 30081 (e2e tests)?" node_port_30081
step "LoadBalancer web-lb has a node port and an EXTERNAL-IP" "kubectl apply -f labs/05-services/services.yaml" load_balancer
# Traffic to an EXTERNAL-IP is SNATed to a node's address when the chosen pod is on another node
# (measured on kind: a NodePort on another node is refused the same way), and the attendee's
# policy admits only their own pods' addresses: an attendee's toolbox is refused at random.
demo_step --why "the attendee's policy admits only their own pods, and this path can arrive from a node's address" \
  "web-lb's EXTERNAL-IP serves the toolbox" "kubectl apply -f labs/05-services/services.yaml" load_balancer_serves
step "ExternalName web-external is a DNS CNAME" "kubectl apply -f labs/05-services/services.yaml" external_name
step "web-canary selects exactly the one pod labelled track=canary" \
  "kubectl label pod <one web pod> track=canary" canary
finish
