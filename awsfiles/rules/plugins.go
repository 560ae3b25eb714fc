package rules

import (
	"fmt"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// The AWS CLI's plugins (awscli/plugin.py): each `name = module` line of the config file's [plugins]
// section is a Python module that the CLI imports, and whose awscli_initialize it calls, before it runs
// any command. A module that cannot be imported makes every aws command fail with a traceback.
//
// AWS CLI v1 imports every entry of the section, cli_legacy_plugin_path included (as a module name, which
// a path never is). AWS CLI v2 takes cli_legacy_plugin_path out first: without it v2 ignores the section;
// with it, it adds those directories to Python's path and imports the other entries as v1 does.

// legacyPluginPath is the [plugins] key AWS CLI v2 reads as directories rather than as a plugin.
const legacyPluginPath = "cli_legacy_plugin_path"

func checkPlugins(c *checker) {
	sections := c.m.Config.Sections
	if c.scope != nil {
		sections = nil
		if c.scope.file == c.m.Config {
			sections = c.scope.sections
		}
	}
	for _, sec := range sections {
		if sec.Header == nil || sec.Head.Type != awsfiles.SectionOther || sec.Inner() != "plugins" {
			continue
		}
		v2Imports := false
		for _, e := range sec.Entries {
			v2Imports = v2Imports || e.Name() == legacyPluginPath
		}
		for _, e := range sec.Entries {
			c.checkPlugin(e, v2Imports)
		}
	}
}

// checkPlugin reports one [plugins] entry. The value judged is the raw one, as the AWS CLI reads it: an
// inline comment or quotes are part of the module name there.
func (c *checker) checkPlugin(e *awsfiles.Entry, v2Imports bool) {
	f := e.Section.File
	remove := fix("Remove this plugin line", false, assumeRemoveLine(e)...)
	if e.Name() == legacyPluginPath {
		c.report(f, e.Line.Key(), SeverityWarning, "cli-plugin", fmt.Sprintf(
			"%s breaks every AWS CLI v1 command; remove it if you use v1. "+
				"v1 imports every [plugins] entry as a Python module, and a directory is none (ModuleNotFoundError: No module named %s). "+
				"AWS CLI v2 needs it: it is where v2 looks for the modules of the other entries.", legacyPluginPath, valueForMessage(e.Name(), e.Raw())), remove)
		return
	}
	v2 := "AWS CLI v2 ignores the section unless it also sets " + legacyPluginPath + "."
	if v2Imports {
		v2 = "AWS CLI v2 imports it too, from the directories of " + legacyPluginPath + "."
	}
	if short, detail := pluginModuleProblem(e); short != "" {
		c.report(f, pluginValueSpan(e), SeverityError, "cli-plugin", fmt.Sprintf(
			"Plugin %q %s: every AWS CLI v1 command fails; remove the line. Or name an installed module. %s %s",
			e.Key(), short, detail, v2), remove)
		return
	}
	c.report(f, pluginValueSpan(e), SeverityWarning, "cli-plugin", fmt.Sprintf(
		"Plugin %q runs before every AWS CLI v1 command; remove it unless it is installed. "+
			"AWS CLI v1 imports the module %s first. If Python cannot import it, every command fails with ModuleNotFoundError before it starts (`aws --version` shows whether it loads); "+
			"if it can, its code runs inside every command, with your credentials. %s", e.Key(), valueForMessage(e.Name(), e.Raw()), v2), remove)
}

// pluginModuleProblem says why a plugin's value can never be imported as a module (short, for the first
// sentence, and the detail), or "".
func pluginModuleProblem(e *awsfiles.Entry) (short, detail string) {
	v := e.Raw()
	switch {
	case len(e.Sub()) > 0:
		return "is a nested block", "The AWS CLI imports the value of each [plugins] line, and a block has none."
	case v == "":
		return "names no module", "The AWS CLI imports the value of each [plugins] line: ValueError: Empty module name."
	case strings.ContainsAny(v, "/\\"):
		return "names a path", fmt.Sprintf("The value is a Python module name (package.module), not a file: %s gives ModuleNotFoundError.", valueForMessage(e.Name(), v))
	case strings.ContainsAny(v, " \t"):
		return "names no module", fmt.Sprintf("No module has a name with blanks, such as %s (an inline comment is part of the value for the AWS CLI).", valueForMessage(e.Name(), v))
	}
	for _, part := range strings.Split(v, ".") {
		if part == "" {
			return "names no module", fmt.Sprintf("%s has an empty part between dots.", valueForMessage(e.Name(), v))
		}
	}
	return "", ""
}

// pluginValueSpan is the span of a plugin line's value, or its key when there is none.
func pluginValueSpan(e *awsfiles.Entry) awsfiles.Span {
	if e.Raw() == "" {
		return e.Line.Key()
	}
	return e.Line.Value()
}
