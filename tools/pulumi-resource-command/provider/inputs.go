package provider

import (
	"fmt"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Logging modes of a command's output in the engine's log (the `logging` input).
const (
	logStdout          = "stdout"
	logStderr          = "stderr"
	logStdoutAndStderr = "stdoutAndStderr"
	logNone            = "none"
)

// Property names shared by local.Command and local.run.
const (
	propCreate                 = "create"
	propUpdate                 = "update"
	propDelete                 = "delete"
	propCommand                = "command"
	propDir                    = "dir"
	propEnvironment            = "environment"
	propInterpreter            = "interpreter"
	propStdin                  = "stdin"
	propTriggers               = "triggers"
	propLogging                = "logging"
	propAddPreviousOutputInEnv = "addPreviousOutputInEnv"
	propAssetPaths             = "assetPaths"
	propArchivePaths           = "archivePaths"

	propStdout  = "stdout"
	propStderr  = "stderr"
	propAssets  = "assets"
	propArchive = "archive"
)

type kind int

const (
	kindString kind = iota
	kindBool
	kindStringArray
	kindStringMap
	kindAnyArray
	kindLogging
)

// commandInputs are the input properties of command:local:Command and their kinds; runInputs those of
// command:local:run. Keys not listed here are passed through untouched.
var commandInputs = map[string]kind{
	propCreate:                 kindString,
	propUpdate:                 kindString,
	propDelete:                 kindString,
	propDir:                    kindString,
	propEnvironment:            kindStringMap,
	propInterpreter:            kindStringArray,
	propStdin:                  kindString,
	propTriggers:               kindAnyArray,
	propLogging:                kindLogging,
	propAddPreviousOutputInEnv: kindBool,
	propAssetPaths:             kindStringArray,
	propArchivePaths:           kindStringArray,
}

var runInputs = map[string]kind{
	propCommand:                kindString,
	propDir:                    kindString,
	propEnvironment:            kindStringMap,
	propInterpreter:            kindStringArray,
	propStdin:                  kindString,
	propLogging:                kindLogging,
	propAddPreviousOutputInEnv: kindBool,
	propAssetPaths:             kindStringArray,
	propArchivePaths:           kindStringArray,
}

// settings is what running a command needs, read from a property map with secrets unwrapped.
type settings struct {
	dir                    string
	hasDir                 bool
	environment            map[string]string
	interpreter            []string
	stdin                  string
	logging                string
	addPreviousOutputInEnv bool
	assetPaths             []string
	hasAssetPaths          bool
	archivePaths           []string
	hasArchivePaths        bool
}

// failure is one problem with an input property, reported by Check as a CheckFailure.
type failure struct {
	property string
	reason   string
}

// reveal strips secret markers from a value (at the top and inside arrays and objects): the command needs the
// plain text, while the properties kept in state keep their markers.
func reveal(v resource.PropertyValue) resource.PropertyValue {
	for v.IsSecret() {
		v = v.SecretValue().Element
	}
	switch {
	case v.IsArray():
		elems := make([]resource.PropertyValue, len(v.ArrayValue()))
		for i, e := range v.ArrayValue() {
			elems[i] = reveal(e)
		}
		return resource.NewArrayProperty(elems)
	case v.IsObject():
		obj := resource.PropertyMap{}
		for k, e := range v.ObjectValue() {
			obj[k] = reveal(e)
		}
		return resource.NewObjectProperty(obj)
	}
	return v
}

// validate checks the kinds of the known input values and returns the problems, sorted by property.
// Unknown (computed) values are accepted: they are only known after the resources they come from exist.
func validate(props resource.PropertyMap, kinds map[string]kind, required ...string) []failure {
	var failures []failure
	for _, name := range required {
		if v, ok := props[resource.PropertyKey(name)]; !ok || v.IsNull() {
			failures = append(failures, failure{name, fmt.Sprintf("missing required property '%s'", name)})
		}
	}
	for key, raw := range props {
		k, known := kinds[string(key)]
		if !known {
			continue
		}
		if reason := checkKind(reveal(raw), k); reason != "" {
			failures = append(failures, failure{string(key), fmt.Sprintf("property '%s': %s", key, reason)})
		}
	}
	sort.Slice(failures, func(i, j int) bool { return failures[i].property < failures[j].property })
	return failures
}

func checkKind(v resource.PropertyValue, k kind) string {
	if v.IsNull() || v.ContainsUnknowns() && !v.IsArray() && !v.IsObject() {
		return ""
	}
	switch k {
	case kindString:
		if !v.IsString() {
			return fmt.Sprintf("expected a string, got %s", v.TypeString())
		}
	case kindLogging:
		if !v.IsString() {
			return fmt.Sprintf("expected a string, got %s", v.TypeString())
		}
		switch v.StringValue() {
		case logStdout, logStderr, logStdoutAndStderr, logNone:
		default:
			return fmt.Sprintf("expected one of %q, %q, %q, %q, got %q", logStdout, logStderr, logStdoutAndStderr, logNone, v.StringValue())
		}
	case kindBool:
		if !v.IsBool() {
			return fmt.Sprintf("expected a boolean, got %s", v.TypeString())
		}
	case kindAnyArray:
		if !v.IsArray() {
			return fmt.Sprintf("expected an array, got %s", v.TypeString())
		}
	case kindStringArray:
		if !v.IsArray() {
			return fmt.Sprintf("expected an array of strings, got %s", v.TypeString())
		}
		for i, e := range v.ArrayValue() {
			if !e.IsString() && !e.IsComputed() && !e.IsNull() {
				return fmt.Sprintf("element %d: expected a string, got %s", i, e.TypeString())
			}
		}
	case kindStringMap:
		if !v.IsObject() {
			return fmt.Sprintf("expected a map of strings, got %s", v.TypeString())
		}
		for name, e := range v.ObjectValue() {
			if !e.IsString() && !e.IsComputed() && !e.IsNull() {
				return fmt.Sprintf("key %q: expected a string, got %s", name, e.TypeString())
			}
		}
	}
	return ""
}

// unknownInputs lists the properties that hold unknown values, which a command cannot run with.
func unknownInputs(props resource.PropertyMap) []string {
	var names []string
	for _, key := range props.StableKeys() {
		if props[key].ContainsUnknowns() {
			names = append(names, string(key))
		}
	}
	return names
}

func optionalString(props resource.PropertyMap, name string) (string, bool) {
	v, ok := props[resource.PropertyKey(name)]
	if !ok {
		return "", false
	}
	v = reveal(v)
	if !v.IsString() {
		return "", false
	}
	return v.StringValue(), true
}

func stringList(props resource.PropertyMap, name string) ([]string, bool) {
	v, ok := props[resource.PropertyKey(name)]
	if !ok {
		return nil, false
	}
	v = reveal(v)
	if !v.IsArray() {
		return nil, false
	}
	list := []string{}
	for _, e := range v.ArrayValue() {
		if e.IsString() {
			list = append(list, e.StringValue())
		}
	}
	return list, true
}

// readSettings reads how to run a command from validated properties (the inputs, or the state on delete).
func readSettings(props resource.PropertyMap) settings {
	s := settings{addPreviousOutputInEnv: true, logging: logStdoutAndStderr}
	s.dir, s.hasDir = optionalString(props, propDir)
	if v, ok := props[propEnvironment]; ok {
		if v = reveal(v); v.IsObject() {
			s.environment = map[string]string{}
			for k, e := range v.ObjectValue() {
				if e.IsString() {
					s.environment[string(k)] = e.StringValue()
				}
			}
		}
	}
	s.interpreter, _ = stringList(props, propInterpreter)
	s.stdin, _ = optionalString(props, propStdin)
	if logging, ok := optionalString(props, propLogging); ok {
		s.logging = logging
	}
	if v, ok := props[propAddPreviousOutputInEnv]; ok {
		if v = reveal(v); v.IsBool() {
			s.addPreviousOutputInEnv = v.BoolValue()
		}
	}
	s.assetPaths, s.hasAssetPaths = stringList(props, propAssetPaths)
	s.archivePaths, s.hasArchivePaths = stringList(props, propArchivePaths)
	return s
}
