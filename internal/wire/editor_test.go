package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// The endpoint's token and the console URL print hidden in every fmt and slog form; only their JSON
// carries them.
func TestSecretBearingResultsHideInLogs(t *testing.T) {
	var e Endpoint
	var c ConsoleURL
	if json.Unmarshal(readFixture(t, "endpoint.json"), &e) != nil || json.Unmarshal(readFixture(t, "console.json"), &c) != nil {
		t.Fatal("fixtures do not decode")
	}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("got", "endpoint", e, "console", c)
	for _, text := range []string{fmt.Sprintf("%v %+v %#v %s", e, e, e, e), fmt.Sprintf("%v %+v %#v %s", c, c, c, c), logged.String()} {
		if strings.Contains(text, e.Token) || strings.Contains(text, "SigninToken") {
			t.Errorf("a formatted result carries a secret: %s", text)
		}
	}
	if !strings.Contains(fmt.Sprint(e), e.URI) {
		t.Errorf("the endpoint's URL (no secret) is worth showing: %s", e)
	}
}

// A region reaches URLs and environment variables: only region names pass; "" means the default.
func TestRegionArgsValidate(t *testing.T) {
	for _, ok := range []string{"", "eu-west-1", "us-gov-west-1", "cn-north-1", "ap-southeast-9"} {
		if err := (&RegionArgs{Region: ok}).Validate(); err != nil {
			t.Errorf("region %q refused: %v", ok, err)
		}
		if err := (&ConsoleArgs{Region: ok}).Validate(); err != nil {
			t.Errorf("console region %q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"eu-west-1\nX=1", "../x", "mars-1", "us east 1", "EU-WEST-1?x=y"} {
		if err := (&RegionArgs{Region: bad}).Validate(); err == nil || !strings.Contains(err.Error(), "us-east-1") {
			t.Errorf("region %q accepted or unclear: %v", bad, err)
		}
	}
}
