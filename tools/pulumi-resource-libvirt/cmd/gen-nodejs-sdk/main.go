// Command gen-nodejs-sdk writes the Node.js SDK of a Pulumi package schema with pkg/v3's own code generator.
// `pulumi package gen-sdk` would do the same through the Node.js language host, but the host the lab can build
// (v3.68.0) predates the GeneratePackage call it needs.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: gen-nodejs-sdk SCHEMA_JSON VERSION OUT_DIR")
		os.Exit(2)
	}
	schemaPath, version, outDir := os.Args[1], os.Args[2], os.Args[3]
	text, err := os.ReadFile(schemaPath)
	exitOn(err)
	var spec schema.PackageSpec
	exitOn(json.Unmarshal(text, &spec))
	spec.Version = version
	pkg, diags, err := schema.BindSpec(spec, nil, schema.ValidationOptions{})
	exitOn(err)
	if diags.HasErrors() {
		exitOn(diags)
	}
	files, err := nodejs.GeneratePackage("vm-container-lab", pkg, nil, nil, false, nil)
	exitOn(err)
	for name, content := range files {
		target := filepath.Join(outDir, name)
		exitOn(os.MkdirAll(filepath.Dir(target), 0o755))
		exitOn(os.WriteFile(target, content, 0o644))
	}
	fmt.Printf("wrote %d files to %s\n", len(files), outDir)
}

func exitOn(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen-nodejs-sdk:", err)
		os.Exit(1)
	}
}
