package deploy

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// docs parses every YAML document in a file.
func docs(t *testing.T, path string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var d map[string]any
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s is not valid YAML: %v", path, err)
		}
		out = append(out, d)
	}
}

// dig walks a path of keys and list indexes in decoded YAML.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func TestAllYAMLIsValid(t *testing.T) {
	files, _ := filepath.Glob("kubernetes/*.yaml")
	pg, _ := filepath.Glob("kubernetes-postgres/*.yaml")
	files = append(append(files, pg...), "compose.yaml", "compose.postgres.yaml")
	for _, f := range files {
		if len(docs(t, f)) == 0 {
			t.Errorf("%s has no documents", f)
		}
	}
}

func TestStatefulSetIsOneReplicaWithVolumeAndProbes(t *testing.T) {
	d := docs(t, "kubernetes/statefulset.yaml")[0]
	if dig(d, "kind") != "StatefulSet" || dig(d, "spec", "replicas") != 1 {
		t.Fatalf("want a StatefulSet with 1 replica: %v, %v", dig(d, "kind"), dig(d, "spec", "replicas"))
	}
	if dig(d, "spec", "volumeClaimTemplates", 0, "metadata", "name") != "data" {
		t.Error("no volume claim for the database")
	}
	c := dig(d, "spec", "template", "spec", "containers", 0)
	if dig(c, "livenessProbe", "httpGet", "path") != "/healthz" || dig(c, "readinessProbe", "httpGet", "path") != "/readyz" {
		t.Error("probes do not use /healthz and /readyz")
	}
	if dig(c, "envFrom", 0, "secretRef", "name") != "calmnights-tokens" {
		t.Error("tokens do not come from the Secret")
	}
	if dig(d, "spec", "template", "spec", "securityContext", "runAsNonRoot") != true {
		t.Error("the pod may run as root")
	}
	sec := docs(t, "kubernetes/secret.example.yaml")[0]
	if dig(sec, "metadata", "name") != "calmnights-tokens" {
		t.Error("the example Secret has another name")
	}
	svc := docs(t, "kubernetes/service.yaml")[0]
	if dig(svc, "spec", "ports", 0, "targetPort") != "webhook" {
		t.Error("the Service does not expose the webhook")
	}
}

func TestComposeHasVolumeEnvFileAndRestart(t *testing.T) {
	c := dig(docs(t, "compose.yaml")[0], "services", "calmnights")
	if dig(c, "restart") != "unless-stopped" || dig(c, "env_file") != "calmnights.env" {
		t.Errorf("restart %v, env_file %v", dig(c, "restart"), dig(c, "env_file"))
	}
	if v, _ := dig(c, "volumes", 0).(string); !strings.HasSuffix(v, ":/data") {
		t.Errorf("the data volume is not mounted at /data: %q", v)
	}
}

func TestDockerfile(t *testing.T) {
	b, _ := os.ReadFile("Dockerfile")
	df := string(b)
	for _, want := range []string{"deploy/build-static.sh", "FROM gcr.io/distroless/static-debian12:nonroot", "USER nonroot", "VOLUME /data",
		"CALMNIGHTS_DB=/data/calmnights.db", "HEALTHCHECK", `"healthcheck"`} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	script, _ := os.ReadFile("build-static.sh")
	if !strings.Contains(string(script), "CGO_ENABLED=0") || !strings.Contains(string(script), "-trimpath") {
		t.Error("the build script does not build a static, reproducible binary")
	}
}

func TestSystemdUnitIsHardened(t *testing.T) {
	b, _ := os.ReadFile("calmnights.service")
	unit := string(b)
	for _, want := range []string{"User=calmnights", "StateDirectory=calmnights", "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes",
		"ProtectHome=yes", "KillSignal=SIGTERM", "Environment=CALMNIGHTS_DB=/var/lib/calmnights/calmnights.db"} {
		if !strings.Contains(unit, want+"\n") {
			t.Errorf("unit lacks %q", want)
		}
	}
}

// byKind returns the documents of a kind across files.
func byKind(t *testing.T, kind string, files ...string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, f := range files {
		for _, d := range docs(t, f) {
			if dig(d, "kind") == kind {
				out = append(out, d)
			}
		}
	}
	return out
}

func TestPostgresDeploymentIsReplicatedAndGuarded(t *testing.T) {
	files, _ := filepath.Glob("kubernetes-postgres/*.yaml")
	deps := byKind(t, "Deployment", files...)
	if len(deps) != 1 {
		t.Fatalf("want one Deployment in kubernetes-postgres/, got %d", len(deps))
	}
	d := deps[0]
	if n, _ := dig(d, "spec", "replicas").(int); n < 2 {
		t.Errorf("replicas = %v: several replicas are the point", dig(d, "spec", "replicas"))
	}
	if byKind(t, "StatefulSet", files...) != nil {
		t.Error("kubernetes-postgres/ must not hold the SQLite StatefulSet")
	}
	labels := dig(d, "spec", "selector", "matchLabels", "app.kubernetes.io/name")
	if dig(d, "spec", "template", "metadata", "labels", "app.kubernetes.io/name") != labels {
		t.Error("the pod template does not carry the selector's label")
	}
	if dig(d, "spec", "strategy", "rollingUpdate", "maxUnavailable") != 0 {
		t.Error("a rollout may take a replica away before its successor is ready")
	}
	c := dig(d, "spec", "template", "spec", "containers", 0)
	db := map[string]any(nil)
	for _, e := range dig(c, "env").([]any) {
		if dig(e, "name") == "CALMNIGHTS_DB" {
			db, _ = e.(map[string]any)
		}
	}
	if db == nil || dig(db, "valueFrom", "secretKeyRef", "name") != "calmnights-database" || dig(db, "value") != nil {
		t.Errorf("CALMNIGHTS_DB must come from the calmnights-database Secret: %v", db)
	}
	if dig(c, "readinessProbe", "httpGet", "path") != "/readyz" || dig(c, "livenessProbe", "httpGet", "path") != "/healthz" {
		t.Error("probes do not use /readyz (which pings the database) and /healthz")
	}
	if dig(c, "envFrom", 0, "secretRef", "name") != "calmnights-tokens" {
		t.Error("tokens do not come from the Secret")
	}
	if dig(c, "ports", 1, "name") != "webhook" {
		t.Error("the container does not name its webhook port")
	}
	if dig(d, "spec", "template", "spec", "securityContext", "runAsNonRoot") != true || dig(c, "securityContext", "readOnlyRootFilesystem") != true {
		t.Error("the pod may run as root or write its root filesystem")
	}

	pdbs := byKind(t, "PodDisruptionBudget", files...)
	if len(pdbs) != 1 || dig(pdbs[0], "spec", "selector", "matchLabels", "app.kubernetes.io/name") != labels {
		t.Fatal("no PodDisruptionBudget selecting the replicas")
	}
	if dig(pdbs[0], "spec", "maxUnavailable") != 1 && dig(pdbs[0], "spec", "minAvailable") == nil {
		t.Error("the PodDisruptionBudget does not limit disruptions")
	}
	svcs := byKind(t, "Service", files...)
	if len(svcs) != 1 || dig(svcs[0], "spec", "selector", "app.kubernetes.io/name") != labels || dig(svcs[0], "spec", "ports", 0, "targetPort") != "webhook" {
		t.Error("no Service sending the webhook to the replicas")
	}
	secrets := map[string]bool{}
	for _, s := range byKind(t, "Secret", files...) {
		name, _ := dig(s, "metadata", "name").(string)
		secrets[name] = true
		if name == "calmnights-database" {
			if url, _ := dig(s, "stringData", "CALMNIGHTS_DB").(string); !strings.HasPrefix(url, "postgres://") {
				t.Errorf("the example database URL is not a postgres:// URL: %q", url)
			}
		}
	}
	if !secrets["calmnights-database"] || !secrets["calmnights-tokens"] {
		t.Errorf("example Secrets: %v", secrets)
	}
}

func TestComposePostgresWaitsForTheDatabase(t *testing.T) {
	d := docs(t, "compose.postgres.yaml")[0]
	pg := dig(d, "services", "postgres")
	if img, _ := dig(pg, "image").(string); !strings.HasPrefix(img, "postgres:") {
		t.Errorf("postgres image = %q", img)
	}
	if dig(pg, "healthcheck", "test") == nil || dig(pg, "volumes", 0) == nil {
		t.Error("the database has no health check or no volume")
	}
	c := dig(d, "services", "calmnights")
	if dig(c, "depends_on", "postgres", "condition") != "service_healthy" {
		t.Error("calmnights does not wait for a healthy database")
	}
	if url, _ := dig(c, "environment", "CALMNIGHTS_DB").(string); !strings.HasPrefix(url, "postgres://") || !strings.Contains(url, "@postgres:5432/") {
		t.Errorf("CALMNIGHTS_DB = %q", url)
	}
	if dig(c, "restart") != "unless-stopped" || dig(c, "env_file") != "calmnights.env" || dig(c, "read_only") != true {
		t.Error("calmnights lost its restart policy, env file or read-only root")
	}
}
