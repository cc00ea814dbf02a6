// Package shim exposes the upstream provider's internal SDKv2 provider so that
// the Pulumi bridge can wrap it. build.sh copies this file into the upstream
// module tree (.upstream/shim) because Go only lets code inside that module
// import its internal/ packages.
package shim

import (
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"

	"github.com/terraform-providers/terraform-provider-docker/internal/provider"
)

// NewProvider returns the upstream Terraform docker provider (SDKv2 part).
func NewProvider() *schema.Provider {
	return provider.New("")()
}
