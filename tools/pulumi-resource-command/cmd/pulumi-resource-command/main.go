// pulumi-resource-command is vm-container-lab's own build of Pulumi's command resource plugin: the engine starts it
// with its address, it prints the port of its gRPC server and serves command:local:Command and command:local:run.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	command "vm-container-lab/tools/pulumi-resource-command/provider"
)

func main() {
	err := provider.Main(command.Name, func(host *provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return command.New(host), nil
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-command: %v\n", err)
		os.Exit(1)
	}
}
