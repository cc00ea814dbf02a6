package provider

import (
	_ "embed"
	"encoding/json"
)

// schema.json is ours: command:local:Command, command:local:run and their Logging enum with the property names and
// types of @pulumi/command's wire contract. The npm SDK does not read it at run time; the engine and
// `pulumi package get-schema` may.
//
//go:embed schema.json
var schemaJSON []byte

// Schema returns the package schema with the plugin's version.
func Schema() (string, error) {
	var spec map[string]any
	if err := json.Unmarshal(schemaJSON, &spec); err != nil {
		return "", err
	}
	spec["version"] = Version
	out, err := json.MarshalIndent(spec, "", "  ")
	return string(out), err
}
