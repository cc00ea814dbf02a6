// Command pulumi-tfgen-libvirt writes the Pulumi schema for the libvirt provider.
package main

import (
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfgen"

	"vm-container-lab/tools/pulumi-resource-libvirt/provider"
)

func main() {
	tfgen.Main("libvirt", provider.Version, provider.Provider())
}
