# podlab: Pods and Services, shown live and proven by tests on a real cluster.
# Versions: hack/versions.env (cluster, images) and pom.xml (Maven).
SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

include hack/versions.env
APP_VERSION := $(shell source hack/lib.sh && echo "$$APP_VERSION")
PODLAB_CACHE ?= $(HOME)/.cache/podlab
# kind and kubectl as hack/tools.sh chose them (yours when they fit, else built) come first.
export PATH := $(PODLAB_CACHE)/bin/current:$(PATH)
JAVA_HOME := $(shell hack/java-home.sh 2>/dev/null)
export JAVA_HOME
MVN := ./mvnw -B -ntp
KUBECTL := kubectl --context kind-$(CLUSTER_NAME)

.PHONY: help
help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^##@/ {printf "\n%s\n", substr($$0, 5)} /^[a-z0-9-]+:.*## / {printf "  make %-15s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

##@ Setup
.PHONY: doctor engine base-image
doctor: ## Tell what is missing, and which path (use, pull or build) each piece will take and why
	@hack/doctor.sh

engine: ## Install and start the Docker engine kind needs (Debian trixie's dockerd)
	@hack/install-docker.sh

base-image: ## Build the JRE base image from Debian packages (when the public one cannot be pulled)
	@hack/base-image.sh

##@ Build
.PHONY: build manifests images
build: java ## Package both services and the workshop board; writes app-service/target/kubernetes/kubernetes.yml
	$(MVN) package -DskipTests -pl app-service,sidecar-logger,workshop-board -am

manifests: ## Copy the Quarkus-generated manifests into the kustomize base (after make build)
	cp app-service/target/kubernetes/kubernetes.yml k8s/base/generated/app-service.yml

images: ## Build the app-service, sidecar-logger, workshop-board and toolbox images from make build's jars (no registry needed)
	@hack/images.sh

##@ Cluster
.PHONY: cluster cluster-delete
cluster: engine ## Create the 3-node kind cluster and its local registry (builds the node image from source when offline)
	@hack/cluster.sh up

cluster-delete: ## Delete the kind cluster
	@hack/cluster.sh down

##@ Run
.PHONY: deploy kind-load undeploy clean
deploy: $(if $(KUBE_CONTEXT),,cluster) build manifests images ## Everything: cluster, build, images, push, apply, wait until all pods are Ready (KUBE_CONTEXT=<ctx> REGISTRY=<registry/prefix>: any cluster)
	@hack/deploy.sh

kind-load: ## Fallback with no registry: side-load make images' images into the nodes (kind load docker-image)
	kind load docker-image --name $(CLUSTER_NAME) $(APP_IMAGE):$(APP_VERSION) $(SIDECAR_IMAGE):$(APP_VERSION) $(BOARD_IMAGE):$(APP_VERSION) $(TOOLBOX_IMAGE)

undeploy: ## Remove podlab from the cluster (the cluster stays)
	$(KUBECTL) delete -k k8s/overlays/kind --ignore-not-found --wait=false

clean: ## Remove build output (caches in ~/.cache/podlab and the cluster stay)
	$(MVN) -q clean

.PHONY: chart
chart: java ## Helm chart of the generic overlay, made and linted by JKube (no cluster needed): k8s/target/kubernetes/podlab-*.tgz
	$(MVN) -pl k8s clean package

##@ Labs
.PHONY: labs lab-check lab-solve lab-reset labs-ci zsh
labs: ## List the hands-on labs (labs/README.md)
	@labs/lab.sh list

lab-check: ## Check your cluster for lab LAB=n (PASS/FAIL per step, with hints)
	@labs/lab.sh check $(LAB)

lab-solve: ## Start lab LAB=n over and run its README's steps (the reference solution)
	@labs/lab.sh solve $(LAB)

lab-reset: ## Delete lab LAB=n's namespace and undo its node changes (LAB=all: every lab)
	@labs/lab.sh reset $(LAB)

labs-ci: zsh ## Every lab: its check fails untouched, then its README's steps run under bash and zsh and the check passes (needs make deploy)
	@labs/lab.sh ci

# lab.sh ci runs every lab's README under zsh too (Debian's zsh, installed when missing).
zsh:
	@command -v zsh >/dev/null || { apt-get update -qq && apt-get install -y -qq zsh >/dev/null; }

##@ Test
.PHONY: test test-unit lint e2e e2e-throwaway test-generic java browser e2e-deps check-targets
test: ## All tests (what CI runs), phase by phase: a table of each phase's time and tests (target/test-times.json), every JUnit report in target/test-reports/<phase>/
	@hack/test.sh

test-unit: java browser ## Tests that need no cluster (Quarkus, sidecar, manifest, dashboard, workshop board); installs the parent and test-support, which e2e uses
	$(MVN) install -pl :podlab-parent,test-support,app-service,sidecar-logger,workshop-board

lint: ## shellcheck over hack/ and labs/ (Debian's shellcheck, installed when missing)
	@command -v shellcheck >/dev/null || { apt-get update -qq && apt-get install -y -qq shellcheck >/dev/null; }
	shellcheck -x hack/*.sh labs/*.sh labs/*/*.sh

test-generic: ## Deploy the generic overlay to the kind cluster from its registry, as to any cluster; check it; remove it
	@hack/test-generic.sh

.PHONY: helm-test
helm-test: java ## Install the Helm chart on the kind cluster with JKube's helm goals (images make deploy pushed), run its Helm test, uninstall, check nothing is left
	@hack/helm-test.sh

e2e: browser e2e-deps ## Only the cluster and container tests, against the current cluster and images
	$(MVN) verify -pl e2e-tests

# -pl e2e-tests and -pl workshop take the parent and test-support from ~/.m2: install them, without their tests.
e2e-deps: java
	$(MVN) -q install -DskipTests -pl :podlab-parent,test-support

check-targets: ## Every target make help lists, on a fresh clone with podlab's artifacts hidden from Maven: cluster-free ones run, e2e and test-unit compile with -DskipTests (~2 min)
	@hack/check-targets.sh

# Ryuk cannot run here, so the tests remove their node themselves; the sweep after them
# catches what a killed JVM left.
e2e-throwaway: e2e-deps ## The single-node cluster tests again, on a one-node cluster Testcontainers starts from podlab's node image and removes (after make deploy)
	@start=$$SECONDS rc=0; \
	$(MVN) verify -pl e2e-tests -Dpodlab.cluster=testcontainers || rc=$$?; \
	left=$$(docker ps -aq --filter label=dev.podlab.throwaway); [[ -z $$left ]] || docker rm -fv $$left; \
	left=$$(docker volume ls -q --filter dangling=true | grep '^kindcontainer-' || true); [[ -z $$left ]] || docker volume rm $$left; \
	echo "e2e-throwaway took $$((SECONDS - start))s (reports: e2e-tests/target/failsafe-reports-testcontainers, e2e-report-testcontainers)"; \
	exit $$rc

browser:
	@hack/install-browser.sh

.PHONY: fuzz
fuzz: build ## API fuzz run: schemathesis against the packaged app's /q/openapi, chaos on; fails on any 5xx
	@hack/fuzz.sh

.PHONY: bench-selftest
bench-selftest: ## The bench's verdicts on crafted results: a figure not measured is FAILED (no Docker)
	python3 -B -m unittest discover -s hack/bench -p 'test_*.py'

.PHONY: bench
bench: java ## Measure podlab beside podinfo (start, RSS, req/s, p99, image sizes, kind load, sidecar, deploy); writes target/bench.json
	@hack/bench.sh

java:
	@[[ -n "$(JAVA_HOME)" ]] || { hack/java-home.sh; exit 1; }

##@ Workshop
# One shared cluster for a class (README "Run a workshop"). The workshop/ module does the work;
# hack/workshop.sh runs it. Settings: ATTENDEES="alice bob" (or a number) or ATTENDEES_FILE=roster.txt,
# WORKSHOP_SIZE (xs, s, m, l), WORKSHOP_HOURS, WORKSHOP_ADDRESS, WORKSHOP_STUCK_AFTER (the board), KUBE_CONTEXT (+ REGISTRY).
.PHONY: workshop-up workshop-plan workshop-status workshop-down workshop-test
workshop-up: java ## Make the class: per attendee a namespace, rights, quota, isolation and target/workshop/NAME.kubeconfig
	@hack/workshop.sh up

workshop-plan: java ## What ATTENDEES=30 (a number or names) need against what the cluster can still allocate
	@hack/workshop.sh plan

workshop-status: java ## The class: per attendee namespace, pods ready, token expiry, lab results
	@hack/workshop.sh status

workshop-down: java ## Remove ATTENDEES=... (none given: the whole class) and their kubeconfigs
	@hack/workshop.sh down

workshop-test: java browser e2e-deps ## The workshop tool's unit tests, then WorkshopIT on the cluster (needs make deploy; a few minutes; the board's own tests are in make test-unit)
	$(MVN) verify -pl workshop
