package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"time"
)

// botocoreScript reads every case with botocore in one python3 process (importing botocore takes most
// of a second, so one process for the whole corpus keeps the test fast).
const botocoreScript = "testdata/botocore_observe.py"

type botocoreRequest struct {
	Home  string                `json:"home"`
	Cases []botocoreRequestCase `json:"cases"`
}

type botocoreRequestCase struct {
	Name        string   `json:"name"`
	Config      string   `json:"config"`
	Credentials string   `json:"credentials"`
	Profiles    []string `json:"profiles"`
}

type botocoreResult struct {
	Unavailable string                  `json:"unavailable"`
	Version     string                  `json:"version"`
	Cases       map[string]botocoreCase `json:"cases"`
}

type botocoreCase struct {
	ParseError *struct {
		File    string `json:"file"`
		Message string `json:"message"`
	} `json:"parse_error"`
	Profiles map[string]botocoreProfile `json:"profiles"`
}

type botocoreProfile struct {
	Exists  bool              `json:"exists"`
	Fields  map[string]string `json:"fields"`
	Resolve struct {
		ConfigError string  `json:"config_error"`
		EnvError    string  `json:"env_error"`
		Method      *string `json:"method"`
	} `json:"resolve"`
}

// runBotocore runs the script once. It returns a reason instead of a result when botocore cannot be
// used here (no python3, or no botocore module), so that the caller skips that part cleanly.
func runBotocore(req botocoreRequest) (*botocoreResult, string, error) {
	python, err := exec.LookPath("python3")
	if err != nil {
		return nil, "python3 is not on PATH (install python3 and `pip install botocore`)", nil
	}
	in, err := json.Marshal(req)
	if err != nil {
		return nil, "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, botocoreScript)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, "", fmt.Errorf("%s %s failed: %v\nstderr:\n%s", python, botocoreScript, err, stderr.String())
	}
	var res botocoreResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return nil, "", fmt.Errorf("%s printed something that is not its JSON report: %v\n%s", botocoreScript, err, stdout.String())
	}
	if res.Unavailable != "" {
		return nil, res.Unavailable, nil
	}
	return &res, "", nil
}

// observeBotocore turns the script's report on one profile into an observation. A file botocore cannot
// parse leaves every field unknown (the caller reports the file-level error separately).
func (r *botocoreResult) observe(caseName, profile string) observation {
	c := r.Cases[caseName]
	if c.ParseError != nil {
		return observation{Fields: map[string]string{}}
	}
	p, ok := c.Profiles[profile]
	if !ok || !p.Exists {
		return observation{Fields: map[string]string{"exists": "no"}}
	}
	f := map[string]string{"exists": "yes"}
	for k, v := range p.Fields {
		f[k] = v
	}
	return observation{Fields: f, Err: p.Resolve.ConfigError}
}
