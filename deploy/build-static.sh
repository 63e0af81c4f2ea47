#!/bin/sh
# Builds the static calmnights binary exactly as the Dockerfile does; CI
# runs it too, so the image's build flags are tested on every change.
# Usage: deploy/build-static.sh [output]   (VERSION sets the version)
set -eu
cd "$(dirname "$0")/.."
out=${1:-calmnights}
CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w -X main.version=${VERSION:-dev}" -o "$out" ./cmd/calmnights
