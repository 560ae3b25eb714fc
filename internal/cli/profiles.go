package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/rolecall/rolecall/awsfiles"
)

func init() {
	commands["profiles"] = command{summary: "list every profile with its kind, role and source chain", run: runProfiles, oneShot: true}
}

// profileJSON is one entry of `rolecall profiles --format json` (docs/cli.md).
type profileJSON struct {
	Name             string         `json:"name"`
	Kind             string         `json:"kind"`
	Region           string         `json:"region,omitempty"`
	RoleArn          string         `json:"roleArn,omitempty"`
	MFASerial        string         `json:"mfaSerial,omitempty"`
	SourceProfile    string         `json:"sourceProfile,omitempty"`
	CredentialSource string         `json:"credentialSource,omitempty"`
	Chain            []string       `json:"chain"`
	ChainText        string         `json:"chainText"`
	ChainOK          bool           `json:"chainOk"`
	Defined          []definedWhere `json:"defined"`
}

type definedWhere struct {
	File string `json:"file"`
	Line int    `json:"line"` // 1-based line of the section header
}

func runProfiles(env Env, args []string) int {
	m, format, code, ok := loadForReport(env, "profiles", args)
	if !ok {
		return code
	}
	list := describeProfiles(m)
	if format == "json" {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(struct {
			Profiles []profileJSON `json:"profiles"`
		}{list})
		return ExitOK
	}
	writeProfilesText(env.Stdout, list)
	return ExitOK
}

func describeProfiles(m *awsfiles.Model) []profileJSON {
	list := []profileJSON{}
	for _, p := range m.Profiles {
		c := m.Chain(p)
		pj := profileJSON{Name: p.Name, Kind: p.Kind().String(), Region: p.Value("region"),
			RoleArn: p.Value("role_arn"), MFASerial: p.Value("mfa_serial"), SourceProfile: p.Value("source_profile"),
			CredentialSource: p.Value("credential_source"), Chain: c.Names(), ChainText: c.String(), ChainOK: c.OK()}
		for _, s := range p.Sections {
			pj.Defined = append(pj.Defined, definedWhere{File: s.File.Path, Line: s.Header.Num() + 1})
		}
		list = append(list, pj)
	}
	return list
}

func writeProfilesText(w io.Writer, list []profileJSON) {
	if len(list) == 0 {
		fmt.Fprintln(w, "No profiles found. Create one with `aws configure` or add a [profile NAME] section to the config file.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PROFILE\tKIND\tREGION\tDEFINED\tSOURCE CHAIN")
	for _, p := range list {
		region := p.Region
		if region == "" {
			region = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Name, p.Kind, region, definedText(p.Defined), p.ChainText)
	}
	tw.Flush()
}

func definedText(ds []definedWhere) string {
	out := ""
	for i, d := range ds {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return out
}
