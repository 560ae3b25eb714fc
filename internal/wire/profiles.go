package wire

// Profiles is the result of rolecall-ls.profiles: what the editor's pickers need. Unknown values are
// null.
type Profiles struct {
	Accounts []AccountProfile `json:"accounts"`
	Roles    []RoleProfile    `json:"roles"`
}

// AccountProfile is a profile that holds credentials itself: where role chains start.
type AccountProfile struct {
	Profile   string  `json:"profile"`
	Kind      string  `json:"kind"`
	AccountID *string `json:"accountId"`
	Region    *string `json:"region"`
	MFASerial *string `json:"mfaSerial"`
	DefinedAt []Place `json:"definedAt"`
}

// RoleProfile is a profile with role_arn.
type RoleProfile struct {
	Profile         string   `json:"profile"`
	RoleArn         string   `json:"roleArn"`
	AccountID       *string  `json:"accountId"`
	Region          *string  `json:"region"`
	MFASerial       *string  `json:"mfaSerial"`
	DurationSeconds *int     `json:"durationSeconds"`
	SourceAccount   *string  `json:"sourceAccount"`
	Chain           []string `json:"chain"`
	Valid           bool     `json:"valid"`
	Errors          int      `json:"errors"` // error-severity diagnostics in the profile's own sections
	DefinedAt       []Place  `json:"definedAt"`
}

// Place is where a profile is written: the header line of one of its sections, so that an editor can
// link to it. A profile can have a section in each file (config first).
type Place struct {
	URI  string `json:"uri"`
	Line int    `json:"line"` // 0-based, as LSP counts lines
}
