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
	files = append(files, "compose.yaml")
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
