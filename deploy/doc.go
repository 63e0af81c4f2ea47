// Package deploy holds the files for running Calm Nights (Dockerfile,
// compose, systemd, Kubernetes). It has no code; its tests check that the
// files are valid and keep the promises deploy/README.md makes.
package deploy
