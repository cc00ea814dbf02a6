// Not a module that is built on its own: build.sh copies shim.go into the
// upstream provider tree (.upstream/shim), where it may import the upstream's
// internal/provider package. This go.mod only keeps the folder out of the
// vm-container-lab/tools/pulumi-resource-docker module.
module github.com/terraform-providers/terraform-provider-docker/shim

go 1.25.8
