package awsfiles

import (
	"sort"
	"strings"
	"sync"
)

// The table of known settings. The rules use it (unknown-key, empty-value, value-invalid, …) and the
// language server uses it for completion and hover, so it is data first: every key says what it does,
// what values it takes, where it may be written and which tools read it. The entries live in keys_*.go,
// grouped by topic; this file holds the types and the look-ups.

// KeyInfo describes one setting.
type KeyInfo struct {
	Name       string    // lower-case key, as the tools compare keys
	Doc        string    // one paragraph: what the setting does
	Values     string    // the allowed values in words: "true | false", "integer 900–43200"
	Enum       []string  // the allowed values when there is a fixed set, in their canonical spelling
	Kind       ValueKind // the shape of the value
	Where      Scope     // where the key may be written
	Parent     string    // for a nested key: the key whose block holds it ("s3"); "*" for any service
	Tools      Tool      // the tools that read it
	Secret     bool      // the value is a secret: never show it
	Deprecated string    // what to write instead, when the key is a legacy name
	Family     string    // set when the key is known by its prefix (granted_…), not by its full name
}

// ValueKind is the shape of a setting's value, for completion and validation.
type ValueKind int

const (
	ValueText        ValueKind = iota // free text
	ValueBool                         // true | false
	ValueInt                          // a decimal integer
	ValueEnum                         // one of Enum
	ValueRegion                       // a region name
	ValueARN                          // an ARN
	ValueURL                          // an http:// or https:// URL
	ValuePath                         // a file or directory path
	ValueCommand                      // a command line
	ValueProfileRef                   // the name of a profile
	ValueSessionRef                   // the name of an [sso-session] section
	ValueServicesRef                  // the name of a [services] section
	ValueBlock                        // an empty value followed by an indented block of nested keys
	ValueList                         // a comma-separated list
	ValueAccountID                    // a 12-digit AWS account ID
	ValueSize                         // a size or rate such as 8MB or 50MB/s
	ValueTimestamp                    // a date and time
)

// Scope is a set of places where a key may be written.
type Scope uint8

const (
	InConfigProfile      Scope = 1 << iota // [default] or [profile NAME] in the config file
	InCredentialsProfile                   // [NAME] in the credentials file
	InSSOSession                           // [sso-session NAME]
	InServices                             // a service identifier at the top of a [services NAME] section
	InServiceBlock                         // nested under a service identifier in a [services NAME] section
	InNestedBlock                          // nested under another key of a profile (KeyInfo.Parent names it)

	inProfiles = InConfigProfile | InCredentialsProfile
)

// Describe names the places in words, e.g. "config profile, credentials profile".
func (s Scope) Describe() string {
	var out []string
	for _, p := range []struct {
		bit  Scope
		name string
	}{{InConfigProfile, "config-file profile"}, {InCredentialsProfile, "credentials-file profile"},
		{InSSOSession, "[sso-session] section"}, {InServices, "[services] section"},
		{InServiceBlock, "service block in a [services] section"}, {InNestedBlock, "nested block"}} {
		if s&p.bit != 0 {
			out = append(out, p.name)
		}
	}
	return strings.Join(out, ", ")
}

// Tool is a set of programs that read a setting.
type Tool uint32

const (
	ToolBotocore      Tool = 1 << iota // botocore: the AWS CLI (v1 and v2) and boto3
	ToolAWSCLIv1                       // the AWS CLI version 1 itself (output, cli_*, aws s3 transfers)
	ToolAWSCLIv2                       // the AWS CLI version 2 itself
	ToolGoSDK                          // aws-sdk-go-v2
	ToolAWSVault                       // aws-vault
	ToolGranted                        // Granted (assume, granted sso)
	ToolAwsume                         // awsume
	ToolSAML2AWS                       // saml2aws
	ToolAWSAzureLogin                  // aws-azure-login
	ToolGimmeAWSCreds                  // gimme-aws-creds
	ToolAWSADFS                        // aws-adfs
	ToolAWSOkta                        // aws-okta
	ToolAWSSSOUtil                     // aws-sso-util
	ToolAWSAccess                      // the AWS Access extension for VS Code

	// ToolAWSCLI is both major versions of the AWS CLI.
	ToolAWSCLI = ToolAWSCLIv1 | ToolAWSCLIv2
	// ToolsAWS are the two implementations the spec follows: botocore and aws-sdk-go-v2.
	ToolsAWS = ToolBotocore | ToolGoSDK
)

var toolNames = []struct {
	bit  Tool
	name string
}{
	{ToolBotocore, "botocore (AWS CLI, boto3)"}, {ToolAWSCLIv1, "AWS CLI v1"}, {ToolAWSCLIv2, "AWS CLI v2"},
	{ToolGoSDK, "aws-sdk-go-v2"}, {ToolAWSVault, "aws-vault"}, {ToolGranted, "Granted"}, {ToolAwsume, "awsume"},
	{ToolSAML2AWS, "saml2aws"}, {ToolAWSAzureLogin, "aws-azure-login"}, {ToolGimmeAWSCreds, "gimme-aws-creds"},
	{ToolAWSADFS, "aws-adfs"}, {ToolAWSOkta, "aws-okta"}, {ToolAWSSSOUtil, "aws-sso-util"},
	{ToolAWSAccess, "AWS Access (VS Code)"},
}

// Has reports whether every tool of x is in t.
func (t Tool) Has(x Tool) bool { return t&x == x && x != 0 }

// Names lists the tools in t, AWS's own first; both CLI versions together read "AWS CLI".
func (t Tool) Names() []string {
	var out []string
	for _, n := range toolNames {
		switch {
		case t&n.bit == 0:
		case n.bit == ToolAWSCLIv1 && t.Has(ToolAWSCLI):
			out = append(out, "AWS CLI")
		case n.bit == ToolAWSCLIv2 && t.Has(ToolAWSCLI):
		default:
			out = append(out, n.name)
		}
	}
	return out
}

// String is the tools joined with ", ".
func (t Tool) String() string { return strings.Join(t.Names(), ", ") }

// ValidIn reports whether a top-level key may be written in this kind of section of this file.
func (k KeyInfo) ValidIn(kind FileKind, section SectionType) bool {
	switch section {
	case SectionProfile:
		if kind == CredentialsFile {
			return k.Where&InCredentialsProfile != 0
		}
		return k.Where&InConfigProfile != 0
	case SectionSSOSession:
		return kind == ConfigFile && k.Where&InSSOSession != 0
	case SectionServices:
		return kind == ConfigFile && k.Where&InServices != 0
	}
	return false
}

// Describe is the key's documentation as Markdown, for a hover: the paragraph, the values, where it goes
// and who reads it.
func (k KeyInfo) Describe() string {
	var b strings.Builder
	b.WriteString("**" + k.Name + "**")
	if k.Deprecated != "" {
		b.WriteString(" (legacy: " + k.Deprecated + ")")
	}
	b.WriteString("\n\n" + k.Doc)
	if k.Values != "" {
		b.WriteString("\n\nValues: " + k.Values)
	}
	where := k.Where.Describe()
	if k.Parent != "" && k.Parent != "*" {
		where = "nested under `" + k.Parent + " =`"
	}
	b.WriteString("\n\nWhere: " + where)
	if k.Tools != 0 {
		b.WriteString("\n\nRead by: " + k.Tools.String())
	}
	return b.String()
}

// keyFamily is a group of tool-specific keys known by a common prefix.
type keyFamily struct {
	prefix string
	tools  Tool
	where  Scope
	doc    string
}

// keyIndex is built once from the tables in keys_*.go.
type keyIndex struct {
	top      map[string]KeyInfo   // top-level keys of profiles and sso-sessions
	nested   map[string][]KeyInfo // by parent key, sorted by name
	services map[string]KeyInfo   // service identifiers of [services] sections
	all      []KeyInfo
}

var (
	keysOnce sync.Once
	keys     keyIndex
)

func keyTable() *keyIndex {
	keysOnce.Do(func() {
		keys.top = map[string]KeyInfo{}
		keys.nested = map[string][]KeyInfo{}
		keys.services = map[string]KeyInfo{}
		for _, group := range [][]KeyInfo{credentialKeys, settingKeys, cliKeys, toolKeys} {
			for _, k := range group {
				keys.all = append(keys.all, k)
				if k.Parent != "" {
					keys.nested[k.Parent] = append(keys.nested[k.Parent], k)
				} else {
					keys.top[k.Name] = k
				}
			}
		}
		for _, id := range strings.Fields(serviceIDList) {
			keys.services[id] = serviceKey(id)
		}
		for _, ks := range keys.nested {
			sort.Slice(ks, func(i, j int) bool { return ks[i].Name < ks[j].Name })
		}
	})
	return &keys
}

func serviceKey(id string) KeyInfo {
	return KeyInfo{Name: id, Kind: ValueBlock, Where: InServices, Tools: ToolsAWS,
		Doc: "Settings for the `" + id + "` service, as an indented block below `" + id + " =`: " +
			"endpoint_url sends every request of this service to another endpoint."}
}

// LookupKey finds a top-level setting of a profile or an [sso-session] section by its lower-case name.
// Keys of well-known tools that share a prefix (granted_…, azure_…, adfs_config.…) are found by prefix,
// with Family set.
func LookupKey(name string) (KeyInfo, bool) {
	if k, ok := keyTable().top[name]; ok {
		return k, true
	}
	for _, f := range keyFamilies {
		if strings.HasPrefix(name, f.prefix) && len(name) > len(f.prefix) {
			return KeyInfo{Name: name, Doc: f.doc, Where: f.where, Tools: f.tools, Family: f.prefix}, true
		}
	}
	return KeyInfo{}, false
}

// LookupNestedKey finds a key of a nested block: under parent (s3, api_versions) in a profile, or under a
// service identifier in a [services] section (section == SectionServices).
func LookupNestedKey(section SectionType, parent, name string) (KeyInfo, bool) {
	for _, k := range nestedKeys(section, parent) {
		if k.Name == name {
			return k, true
		}
	}
	return KeyInfo{}, false
}

// LookupService finds a service identifier of a [services] section.
func LookupService(id string) (KeyInfo, bool) {
	k, ok := keyTable().services[id]
	return k, ok
}

// KeysFor lists the top-level keys that may be written in this kind of section of this file, sorted by
// name: profile settings, sso-session settings, or the service identifiers of a [services] section.
func KeysFor(kind FileKind, section SectionType) []KeyInfo {
	t := keyTable()
	var out []KeyInfo
	if section == SectionServices {
		if kind == ConfigFile {
			for _, k := range t.services {
				out = append(out, k)
			}
		}
	} else {
		for _, k := range t.top {
			if k.ValidIn(kind, section) {
				out = append(out, k)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// NestedKeysFor lists the keys of a nested block: the block of parent in a profile, or the block of a
// service in a [services] section, sorted by name. A block whose keys are free (api_versions) has none.
func NestedKeysFor(section SectionType, parent string) []KeyInfo {
	ks := nestedKeys(section, parent)
	if len(ks) == 0 {
		return nil
	}
	return append([]KeyInfo(nil), ks...)
}

// nestedKeys is NestedKeysFor without the copy: the table's own sorted list, which must not be modified.
// The rules ask for it once per nested block.
func nestedKeys(section SectionType, parent string) []KeyInfo {
	t := keyTable()
	switch section {
	case SectionServices:
		if _, ok := t.services[parent]; ok {
			return t.nested["*"]
		}
	case SectionProfile:
		if parent != "*" {
			return t.nested[parent]
		}
	}
	return nil
}

// Keys lists every known key (top-level and nested; not the service identifiers), sorted by parent then
// name.
func Keys() []KeyInfo {
	out := append([]KeyInfo(nil), keyTable().all...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Parent != out[j].Parent {
			return out[i].Parent < out[j].Parent
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// ServiceIDs lists the service identifiers a [services] section may configure, sorted.
func ServiceIDs() []string { return strings.Fields(serviceIDList) }

// KeyNames lists the names of keys, for did-you-mean.
func KeyNames(ks []KeyInfo) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.Name
	}
	return out
}
