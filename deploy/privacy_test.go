package deploy

import (
	"os"
	"strings"
	"testing"
)

// TestMetricsAreNotPublic: every way of running the bot keeps /metrics on
// loopback or behind a NetworkPolicy that admits only the monitoring
// namespace.
func TestMetricsAreNotPublic(t *testing.T) {
	df, _ := os.ReadFile("Dockerfile")
	if !strings.Contains(string(df), "CALMNIGHTS_HTTP_ADDR=127.0.0.1:9090") {
		t.Error("the image does not default metrics to loopback")
	}
	unit, _ := os.ReadFile("calmnights.service")
	if !strings.Contains(string(unit), "Environment=CALMNIGHTS_HTTP_ADDR=127.0.0.1:9090\n") {
		t.Error("the systemd unit does not keep metrics on loopback")
	}
	c := dig(docs(t, "compose.yaml")[0], "services", "calmnights")
	ports, _ := dig(c, "ports").([]any)
	if len(ports) == 0 {
		t.Error("compose publishes no port")
	}
	for _, p := range ports {
		if s, _ := p.(string); !strings.HasPrefix(s, "127.0.0.1:") {
			t.Errorf("compose publishes %q beyond this host", s)
		}
	}
	np := docs(t, "kubernetes/networkpolicy.yaml")[0]
	if dig(np, "kind") != "NetworkPolicy" || dig(np, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name") != "calmnights" {
		t.Fatalf("no NetworkPolicy for the calmnights pod")
	}
	ingress, _ := dig(np, "spec", "ingress").([]any)
	metricsRules := 0
	for _, rule := range ingress {
		ports, _ := dig(rule, "ports").([]any)
		for _, p := range ports {
			if dig(p, "port") != 9090 {
				continue
			}
			metricsRules++
			from, _ := dig(rule, "from").([]any)
			if len(from) != 1 || dig(from[0], "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name") != "monitoring" {
				t.Errorf("port 9090 is open to %v, want the monitoring namespace only", from)
			}
		}
	}
	if metricsRules != 1 {
		t.Errorf("%d rules admit port 9090, want 1", metricsRules)
	}
}

// TestFilesArePrivate: the deployments do not loosen the 0600 files the
// bot creates.
func TestFilesArePrivate(t *testing.T) {
	unit, _ := os.ReadFile("calmnights.service")
	for _, want := range []string{"UMask=0077\n", "StateDirectoryMode=0700\n"} {
		if !strings.Contains(string(unit), want) {
			t.Errorf("unit lacks %q", want)
		}
	}
	ss := docs(t, "kubernetes/statefulset.yaml")[0]
	if p := dig(ss, "spec", "template", "spec", "securityContext", "fsGroupChangePolicy"); p != "OnRootMismatch" {
		t.Errorf("fsGroupChangePolicy %v: the kubelet would re-open group access to the database on every start", p)
	}
}
