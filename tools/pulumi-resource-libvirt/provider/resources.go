// Package provider maps the upstream Terraform libvirt provider
// (github.com/dmacvicar/terraform-provider-libvirt) onto Pulumi tokens
// libvirt:index/<resource>:<Resource>, e.g. libvirt:index/network:Network.
package provider

import (
	"os"

	"github.com/dmacvicar/terraform-provider-libvirt/libvirt"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge/tokens"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
)

// Version is set at build time with -ldflags "-X .../provider.Version=X.Y.Z".
var Version = "0.0.1"

const mainMod = "index"

// Provider returns the bridge description of the libvirt provider.
func Provider() tfbridge.ProviderInfo {
	p := shimv2.NewProvider(libvirt.Provider())
	info := tfbridge.ProviderInfo{
		P:           p,
		Name:        "libvirt",
		DisplayName: "libvirt",
		Version:     Version,
		Publisher:   "vm-container-lab",
		License:     "Apache-2.0",
		Description: "A Pulumi package for managing libvirt resources (bridged from terraform-provider-libvirt)",
		Keywords:    []string{"libvirt", "kvm", "qemu"},
		Homepage:    "https://github.com/dmacvicar/terraform-provider-libvirt",
		Repository:  "https://github.com/dmacvicar/terraform-provider-libvirt",
		GitHubOrg:   "dmacvicar",
		Config: map[string]*tfbridge.SchemaInfo{
			// Upstream defaults uri from LIBVIRT_DEFAULT_URI; keep that.
			"uri": {Default: &tfbridge.DefaultInfo{EnvVars: []string{"LIBVIRT_DEFAULT_URI"}}},
		},
		JavaScript: &tfbridge.JavaScriptInfo{PackageName: "@pulumi/libvirt"},
		// Where tfgen finds the upstream docs (descriptions); build.sh sets it.
		UpstreamRepoPath: os.Getenv("LIBVIRT_UPSTREAM_REPO_PATH"),
	}
	info.MustComputeTokens(tokens.SingleModule("libvirt_", mainMod, tokens.MakeStandard("libvirt")))
	return info
}
