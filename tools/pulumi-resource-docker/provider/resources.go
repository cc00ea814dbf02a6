// Package provider maps the upstream Terraform docker provider onto Pulumi
// tokens that match the published @pulumi/docker SDK (docker:index/...).
package provider

import (
	"os"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge/tokens"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"

	"github.com/terraform-providers/terraform-provider-docker/shim"
)

// Version is set at build time with -ldflags "-X .../provider.Version=X.Y.Z".
var Version = "0.0.1"

const mainMod = "index"

// Provider returns the bridge description of the docker provider.
func Provider() tfbridge.ProviderInfo {
	p := shimv2.NewProvider(shim.NewProvider())
	info := tfbridge.ProviderInfo{
		P:           p,
		Name:        "docker",
		DisplayName: "Docker",
		Version:     Version,
		Publisher:   "Pulumi",
		License:     "Apache-2.0",
		Description: "A Pulumi package for interacting with Docker in Pulumi programs",
		Keywords:    []string{"docker"},
		Homepage:    "https://pulumi.io",
		Repository:  "https://github.com/pulumi/pulumi-docker",
		GitHubOrg:   "kreuzwerker",
		// Names the @pulumi/docker SDK uses where the automatic mapping differs.
		Resources: map[string]*tfbridge.ResourceInfo{
			"docker_image":  {Tok: tfbridge.MakeResource("docker", mainMod, "RemoteImage")},
			"docker_config": {Tok: tfbridge.MakeResource("docker", mainMod, "ServiceConfig")},
			"docker_container": {
				Tok: tfbridge.MakeResource("docker", mainMod, "Container"),
				Fields: map[string]*tfbridge.SchemaInfo{
					"command":           {Name: "command"},
					"networks_advanced": {Name: "networksAdvanced"},
				},
			},
		},
		Config: map[string]*tfbridge.SchemaInfo{
			"registry_auth": {Name: "registryAuth"},
		},
		DataSources: map[string]*tfbridge.DataSourceInfo{
			"docker_image": {Tok: tfbridge.MakeDataSource("docker", mainMod, "getRemoteImage")},
		},
		JavaScript: &tfbridge.JavaScriptInfo{PackageName: "@pulumi/docker"},
		// Where tfgen finds the upstream docs (descriptions); build.sh sets it.
		UpstreamRepoPath: os.Getenv("DOCKER_UPSTREAM_REPO_PATH"),
	}
	info.MustComputeTokens(tokens.SingleModule("docker_", mainMod, tokens.MakeStandard("docker")))
	return info
}
