// Command pulumi-tfgen-docker writes the Pulumi schema for the docker provider.
package main

import (
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfgen"

	"vm-container-lab/tools/pulumi-resource-docker/provider"
)

func main() {
	tfgen.Main("docker", provider.Version, provider.Provider())
}
