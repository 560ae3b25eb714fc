// Package conformance proves awsfiles against the real readers of the AWS files and measures its speed.
//
// The differential test (differential_test.go) reads a corpus of config/credentials pairs
// (testdata/corpus/*.txtar) with the awsfiles model, with aws-sdk-go-v2's config.LoadSharedConfigProfile
// and, when python3 can import it, with botocore; wherever they read a profile differently, or a tool
// fails on it, rules.Check must report it. The benchmark (bench_test.go) runs the project's full check
// side by side with the SDK and gopkg.in/ini.v1 on files made by Generate. README.md says how to run both
// and how to read the speed targets.
package conformance
