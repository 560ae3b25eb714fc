package rules

import (
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
	"golang.org/x/tools/txtar"
)

// bigMixedModel is a large model (above parallelCheckMin) that draws diagnostics of many codes: clean role
// profiles up to the size where Check goes parallel, with every rule case's files appended.
func bigMixedModel(t *testing.T) *awsfiles.Model {
	t.Helper()
	var b strings.Builder
	for i := 0; b.Len() < parallelCheckMin; i++ {
		fmt.Fprintf(&b, "[profile role-%d]\nrole_arn = arn:aws:iam::111122223333:role/R%d\nsource_profile = base\nregion = eu-west-1\n\n", i, i)
	}
	cfg := b.String()
	creds := "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
	paths, _ := filepath.Glob("testdata/rules/*.txtar")
	for _, path := range paths {
		if filepath.Base(path) == "file-too-large.txtar" {
			continue // its million lines would make the whole model too large to read
		}
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			switch f.Name {
			case "config":
				cfg += "\n" + string(f.Data)
			case "credentials":
				creds += "\n" + string(f.Data)
			}
		}
	}
	if len(cfg)+len(creds) < parallelCheckMin {
		t.Fatalf("the model is too small (%d bytes) to be checked in parallel", len(cfg)+len(creds))
	}
	return model(cfg, creds)
}

// Check runs its two groups of rules at once on a large model; the result must be exactly what running
// them one after the other gives.
func TestCheckIsTheSameInParallel(t *testing.T) {
	m := bigMixedModel(t)
	parallel := Check(m)
	defer func(min int) { parallelCheckMin = min }(parallelCheckMin)
	parallelCheckMin = math.MaxInt
	sequential := Check(m)
	if !reflect.DeepEqual(parallel, sequential) {
		t.Fatalf("parallel check differs: %d diagnostics, sequential %d", len(parallel), len(sequential))
	}
	codes := map[string]bool{}
	for _, d := range parallel {
		codes[d.Code] = true
	}
	if len(codes) < 20 {
		t.Errorf("only %d codes fired; the test should exercise most rules", len(codes))
	}
}

// Every chain is resolved on first use, whichever goroutine asks first: goroutines asking at once all get
// the chain a model of its own resolves.
func TestChainIsTheSameAcrossGoroutines(t *testing.T) {
	m := bigMixedModel(t)
	fresh := awsfiles.NewModel(m.Config, m.Credentials)
	var wg sync.WaitGroup
	got := make([][]*awsfiles.Chain, 4)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, p := range m.Profiles {
				got[g] = append(got[g], m.Chain(p))
			}
		}()
	}
	wg.Wait()
	for i, p := range m.Profiles {
		for g := 1; g < len(got); g++ {
			if a, b := got[g][i].String(), got[0][i].String(); a != b {
				t.Fatalf("profile %q: goroutines got different chains: %q and %q", p.Name, a, b)
			}
		}
		want := fresh.Chain(fresh.Profile(p.Name))
		if a, b := got[0][i].String(), want.String(); a != b || !strings.HasPrefix(a, p.Name) {
			t.Fatalf("profile %q: chain %q, a model of its own gives %q", p.Name, a, b)
		}
	}
}
