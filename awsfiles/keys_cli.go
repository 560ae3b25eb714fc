package awsfiles

// Settings of the AWS CLI itself, and the nested blocks of a profile (`s3 =`, `api_versions =`).
// Sources: awscli/topics/config-vars.rst and s3-config.rst (v1 and v2), the AWS CLI v2 user guide.

var cliKeys = []KeyInfo{
	{Name: "output", Kind: ValueEnum, Where: InConfigProfile, Tools: ToolAWSCLI,
		Enum:   []string{"json", "text", "table", "yaml", "yaml-stream", "off"},
		Values: "json | text | table; AWS CLI v2 also yaml | yaml-stream | off",
		Doc:    "The AWS CLI's output format when no --output option is given."},
	{Name: "cli_pager", Kind: ValueCommand, Where: InConfigProfile, Tools: ToolAWSCLIv2,
		Values: "a pager command, or empty for none",
		Doc:    "The program AWS CLI v2 pipes its output through (less by default on Linux and macOS); empty turns paging off."},
	{Name: "cli_timestamp_format", Kind: ValueEnum, Where: InConfigProfile, Tools: ToolAWSCLI,
		Enum: []string{"iso8601", "wire"}, Values: "iso8601 | wire (none is an old spelling of wire)",
		Doc: "How the AWS CLI prints timestamps: ISO 8601 in UTC (the v2 default) or exactly as the service " +
			"sent them (wire, the v1 default)."},
	{Name: "cli_binary_format", Kind: ValueEnum, Where: InConfigProfile, Tools: ToolAWSCLIv2,
		Enum: []string{"base64", "raw-in-base64-out"}, Values: "base64 | raw-in-base64-out",
		Doc: "How AWS CLI v2 reads blob parameters: as base64 (the default) or as raw bytes (the v1 behaviour)."},
	{Name: "cli_auto_prompt", Kind: ValueEnum, Where: InConfigProfile, Tools: ToolAWSCLIv2,
		Enum: []string{"on", "on-partial", "off"}, Values: "on | on-partial | off",
		Doc: "Whether AWS CLI v2 prompts interactively for commands and parameters."},
	{Name: "cli_history", Kind: ValueEnum, Where: InConfigProfile, Tools: ToolAWSCLIv2,
		Enum: []string{"enabled", "disabled"}, Values: "enabled | disabled",
		Doc: "Whether AWS CLI v2 records the commands it runs in ~/.aws/cli/history (see `aws history`)."},
	{Name: "cli_follow_urlparam", Kind: ValueBool, Where: InConfigProfile, Tools: ToolAWSCLIv1, Enum: boolValues,
		Values: "true | false",
		Doc: "Whether AWS CLI v1 downloads parameters given as http:// or https:// URLs and uses the content. " +
			"AWS CLI v2 never does."},
	{Name: "s3", Kind: ValueBlock, Where: InConfigProfile, Tools: ToolBotocore | ToolAWSCLI,
		Values: "an indented block of key = value lines",
		Doc: "Amazon S3 settings, written as an empty value followed by indented lines:\n\n" +
			"    s3 =\n      max_concurrent_requests = 20\n      addressing_style = path"},
	{Name: "api_versions", Kind: ValueBlock, Where: InConfigProfile, Tools: ToolBotocore,
		Values: "an indented block of SERVICE = YYYY-MM-DD lines",
		Doc:    "Pins the API version botocore uses for a service, written as an indented block of service = date lines."},

	s3Key("max_concurrent_requests", ValueInt, "integer (default 10)", ToolAWSCLI,
		"The most requests `aws s3` transfer commands run at once."),
	s3Key("max_queue_size", ValueInt, "integer (default 1000)", ToolAWSCLI,
		"The most tasks waiting in the `aws s3` transfer queue."),
	s3Key("multipart_threshold", ValueSize, "a size such as 8MB (default 8MB)", ToolAWSCLI,
		"Files from this size on are transferred in parts."),
	s3Key("multipart_chunksize", ValueSize, "a size such as 8MB (default 8MB)", ToolAWSCLI,
		"The size of each part of a multipart transfer."),
	s3Key("max_bandwidth", ValueSize, "a rate such as 50MB/s", ToolAWSCLI,
		"The most bandwidth `aws s3` transfer commands use."),
	s3Key("target_bandwidth", ValueSize, "a rate such as 5GB/s", ToolAWSCLIv2,
		"The bandwidth the CRT transfer client aims for (AWS CLI v2)."),
	s3Key("preferred_transfer_client", ValueEnum, "auto | classic | crt", ToolAWSCLIv2,
		"Which transfer client `aws s3` commands use; crt is faster for large transfers.", "auto", "classic", "crt"),
	s3Key("use_accelerate_endpoint", ValueBool, "true | false", ToolBotocore|ToolAWSCLI,
		"Use the S3 Transfer Acceleration endpoint (the bucket must have acceleration enabled).", boolValues...),
	s3Key("use_dualstack_endpoint", ValueBool, "true | false", ToolBotocore|ToolAWSCLI,
		"Use the dual-stack (IPv4 and IPv6) S3 endpoint.", boolValues...),
	s3Key("addressing_style", ValueEnum, "auto | virtual | path", ToolBotocore|ToolAWSCLI,
		"Put the bucket in the host name (virtual) or in the path (path); auto picks.", "auto", "virtual", "path"),
	s3Key("payload_signing_enabled", ValueBool, "true | false", ToolBotocore|ToolAWSCLI,
		"Sign the SHA-256 of request payloads (SigV4).", boolValues...),
	s3Key("use_arn_region", ValueBool, "true | false", ToolBotocore|ToolAWSCLI,
		"Let an access point ARN choose the region of the request.", boolValues...),
	s3Key("us_east_1_regional_endpoint", ValueEnum, "regional | legacy", ToolBotocore|ToolAWSCLI,
		"For us-east-1, use the regional endpoint or the global one.", "regional", "legacy"),
	s3Key("s3_disable_multiregion_access_points", ValueBool, "true | false", ToolBotocore|ToolAWSCLI,
		"When true, requests to multi-region access points fail.", boolValues...),
	s3Key("signature_version", ValueEnum, "s3v4 | s3", ToolBotocore|ToolAWSCLI,
		"The signature version of S3 requests; s3 (SigV2) is accepted only by old regions and buckets.", "s3v4", "s3"),
}

func s3Key(name string, kind ValueKind, values string, tools Tool, doc string, enum ...string) KeyInfo {
	return KeyInfo{Name: name, Parent: "s3", Kind: kind, Values: values, Tools: tools, Doc: doc, Enum: enum,
		Where: InNestedBlock}
}
