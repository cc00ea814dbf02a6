import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
/**
 * Manages a VM network resource within libvirt. For more information see
 * [the official documentation](https://libvirt.org/formatnetwork.html).
 *
 * ## Example Usage
 */
export declare class Network extends pulumi.CustomResource {
    /**
     * Get an existing Network resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The _unique_ provider ID of the resource to lookup.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: NetworkState, opts?: pulumi.CustomResourceOptions): Network;
    /**
     * Returns true if the given object is an instance of Network.  This is designed to work even
     * when multiple copies of the Pulumi SDK have been loaded into the same process.
     */
    static isInstance(obj: any): obj is Network;
    /**
     * A list of (0 or 1) IPv4 and (0 or 1) IPv6 subnets in
     * CIDR notation.  This defines the subnets associated to that network.
     * This argument is also used to define the address on the real host.
     * If `dhcp {  enabled = true }` addresses is also used to define the address range served by
     * the DHCP server.
     * No DHCP server will be started if <span pulumi-lang-nodejs="`addresses`" pulumi-lang-dotnet="`Addresses`" pulumi-lang-go="`addresses`" pulumi-lang-python="`addresses`" pulumi-lang-yaml="`addresses`" pulumi-lang-java="`addresses`">`addresses`</span> is omitted.
     */
    readonly addresses: pulumi.Output<string[] | undefined>;
    /**
     * Set to <span pulumi-lang-nodejs="`true`" pulumi-lang-dotnet="`True`" pulumi-lang-go="`true`" pulumi-lang-python="`true`" pulumi-lang-yaml="`true`" pulumi-lang-java="`true`">`true`</span> to start the network on host boot up.
     * If not specified <span pulumi-lang-nodejs="`false`" pulumi-lang-dotnet="`False`" pulumi-lang-go="`false`" pulumi-lang-python="`false`" pulumi-lang-yaml="`false`" pulumi-lang-java="`false`">`false`</span> is assumed.
     */
    readonly autostart: pulumi.Output<boolean>;
    /**
     * The bridge device defines the name of a bridge
     * device which will be used to construct the virtual network (when not provided,
     * it will be automatically obtained by libvirt in <span pulumi-lang-nodejs="`none`" pulumi-lang-dotnet="`None`" pulumi-lang-go="`none`" pulumi-lang-python="`none`" pulumi-lang-yaml="`none`" pulumi-lang-java="`none`">`none`</span>, <span pulumi-lang-nodejs="`nat`" pulumi-lang-dotnet="`Nat`" pulumi-lang-go="`nat`" pulumi-lang-python="`nat`" pulumi-lang-yaml="`nat`" pulumi-lang-java="`nat`">`nat`</span>, <span pulumi-lang-nodejs="`route`" pulumi-lang-dotnet="`Route`" pulumi-lang-go="`route`" pulumi-lang-python="`route`" pulumi-lang-yaml="`route`" pulumi-lang-java="`route`">`route`</span> and <span pulumi-lang-nodejs="`open`" pulumi-lang-dotnet="`Open`" pulumi-lang-go="`open`" pulumi-lang-python="`open`" pulumi-lang-yaml="`open`" pulumi-lang-java="`open`">`open`</span> modes).
     */
    readonly bridge: pulumi.Output<string>;
    readonly dhcp: pulumi.Output<outputs.NetworkDhcp>;
    /**
     * configuration of DNS specific settings for the network
     */
    readonly dns: pulumi.Output<outputs.NetworkDns>;
    readonly dnsmasqOptions: pulumi.Output<outputs.NetworkDnsmasqOptions | undefined>;
    /**
     * The domain used by the DNS server.
     */
    readonly domain: pulumi.Output<string | undefined>;
    /**
     * One of:
     */
    readonly mode: pulumi.Output<string | undefined>;
    /**
     * The MTU to set for the underlying network interfaces. When
     * not supplied, libvirt will use the default for the interface, usually 1500.
     * Libvirt version 5.1 and greater will advertise this value to nodes via DHCP.
     */
    readonly mtu: pulumi.Output<number | undefined>;
    /**
     * A unique name for the resource, required by libvirt.
     * Changing this forces a new resource to be created.
     */
    readonly name: pulumi.Output<string>;
    /**
     * a list of static routes. A <span pulumi-lang-nodejs="`cidr`" pulumi-lang-dotnet="`Cidr`" pulumi-lang-go="`cidr`" pulumi-lang-python="`cidr`" pulumi-lang-yaml="`cidr`" pulumi-lang-java="`cidr`">`cidr`</span> and a <span pulumi-lang-nodejs="`gateway`" pulumi-lang-dotnet="`Gateway`" pulumi-lang-go="`gateway`" pulumi-lang-python="`gateway`" pulumi-lang-yaml="`gateway`" pulumi-lang-java="`gateway`">`gateway`</span> must
     * be provided. The <span pulumi-lang-nodejs="`gateway`" pulumi-lang-dotnet="`Gateway`" pulumi-lang-go="`gateway`" pulumi-lang-python="`gateway`" pulumi-lang-yaml="`gateway`" pulumi-lang-java="`gateway`">`gateway`</span> must be reachable via the bridge interface.
     */
    readonly routes: pulumi.Output<outputs.NetworkRoute[] | undefined>;
    readonly xml: pulumi.Output<outputs.NetworkXml | undefined>;
    /**
     * Create a Network resource with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: NetworkArgs, opts?: pulumi.CustomResourceOptions);
}
/**
 * Input properties used for looking up and filtering Network resources.
 */
export interface NetworkState {
    /**
     * A list of (0 or 1) IPv4 and (0 or 1) IPv6 subnets in
     * CIDR notation.  This defines the subnets associated to that network.
     * This argument is also used to define the address on the real host.
     * If `dhcp {  enabled = true }` addresses is also used to define the address range served by
     * the DHCP server.
     * No DHCP server will be started if <span pulumi-lang-nodejs="`addresses`" pulumi-lang-dotnet="`Addresses`" pulumi-lang-go="`addresses`" pulumi-lang-python="`addresses`" pulumi-lang-yaml="`addresses`" pulumi-lang-java="`addresses`">`addresses`</span> is omitted.
     */
    addresses?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Set to <span pulumi-lang-nodejs="`true`" pulumi-lang-dotnet="`True`" pulumi-lang-go="`true`" pulumi-lang-python="`true`" pulumi-lang-yaml="`true`" pulumi-lang-java="`true`">`true`</span> to start the network on host boot up.
     * If not specified <span pulumi-lang-nodejs="`false`" pulumi-lang-dotnet="`False`" pulumi-lang-go="`false`" pulumi-lang-python="`false`" pulumi-lang-yaml="`false`" pulumi-lang-java="`false`">`false`</span> is assumed.
     */
    autostart?: pulumi.Input<boolean>;
    /**
     * The bridge device defines the name of a bridge
     * device which will be used to construct the virtual network (when not provided,
     * it will be automatically obtained by libvirt in <span pulumi-lang-nodejs="`none`" pulumi-lang-dotnet="`None`" pulumi-lang-go="`none`" pulumi-lang-python="`none`" pulumi-lang-yaml="`none`" pulumi-lang-java="`none`">`none`</span>, <span pulumi-lang-nodejs="`nat`" pulumi-lang-dotnet="`Nat`" pulumi-lang-go="`nat`" pulumi-lang-python="`nat`" pulumi-lang-yaml="`nat`" pulumi-lang-java="`nat`">`nat`</span>, <span pulumi-lang-nodejs="`route`" pulumi-lang-dotnet="`Route`" pulumi-lang-go="`route`" pulumi-lang-python="`route`" pulumi-lang-yaml="`route`" pulumi-lang-java="`route`">`route`</span> and <span pulumi-lang-nodejs="`open`" pulumi-lang-dotnet="`Open`" pulumi-lang-go="`open`" pulumi-lang-python="`open`" pulumi-lang-yaml="`open`" pulumi-lang-java="`open`">`open`</span> modes).
     */
    bridge?: pulumi.Input<string>;
    dhcp?: pulumi.Input<inputs.NetworkDhcp>;
    /**
     * configuration of DNS specific settings for the network
     */
    dns?: pulumi.Input<inputs.NetworkDns>;
    dnsmasqOptions?: pulumi.Input<inputs.NetworkDnsmasqOptions>;
    /**
     * The domain used by the DNS server.
     */
    domain?: pulumi.Input<string>;
    /**
     * One of:
     */
    mode?: pulumi.Input<string>;
    /**
     * The MTU to set for the underlying network interfaces. When
     * not supplied, libvirt will use the default for the interface, usually 1500.
     * Libvirt version 5.1 and greater will advertise this value to nodes via DHCP.
     */
    mtu?: pulumi.Input<number>;
    /**
     * A unique name for the resource, required by libvirt.
     * Changing this forces a new resource to be created.
     */
    name?: pulumi.Input<string>;
    /**
     * a list of static routes. A <span pulumi-lang-nodejs="`cidr`" pulumi-lang-dotnet="`Cidr`" pulumi-lang-go="`cidr`" pulumi-lang-python="`cidr`" pulumi-lang-yaml="`cidr`" pulumi-lang-java="`cidr`">`cidr`</span> and a <span pulumi-lang-nodejs="`gateway`" pulumi-lang-dotnet="`Gateway`" pulumi-lang-go="`gateway`" pulumi-lang-python="`gateway`" pulumi-lang-yaml="`gateway`" pulumi-lang-java="`gateway`">`gateway`</span> must
     * be provided. The <span pulumi-lang-nodejs="`gateway`" pulumi-lang-dotnet="`Gateway`" pulumi-lang-go="`gateway`" pulumi-lang-python="`gateway`" pulumi-lang-yaml="`gateway`" pulumi-lang-java="`gateway`">`gateway`</span> must be reachable via the bridge interface.
     */
    routes?: pulumi.Input<pulumi.Input<inputs.NetworkRoute>[]>;
    xml?: pulumi.Input<inputs.NetworkXml>;
}
/**
 * The set of arguments for constructing a Network resource.
 */
export interface NetworkArgs {
    /**
     * A list of (0 or 1) IPv4 and (0 or 1) IPv6 subnets in
     * CIDR notation.  This defines the subnets associated to that network.
     * This argument is also used to define the address on the real host.
     * If `dhcp {  enabled = true }` addresses is also used to define the address range served by
     * the DHCP server.
     * No DHCP server will be started if <span pulumi-lang-nodejs="`addresses`" pulumi-lang-dotnet="`Addresses`" pulumi-lang-go="`addresses`" pulumi-lang-python="`addresses`" pulumi-lang-yaml="`addresses`" pulumi-lang-java="`addresses`">`addresses`</span> is omitted.
     */
    addresses?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Set to <span pulumi-lang-nodejs="`true`" pulumi-lang-dotnet="`True`" pulumi-lang-go="`true`" pulumi-lang-python="`true`" pulumi-lang-yaml="`true`" pulumi-lang-java="`true`">`true`</span> to start the network on host boot up.
     * If not specified <span pulumi-lang-nodejs="`false`" pulumi-lang-dotnet="`False`" pulumi-lang-go="`false`" pulumi-lang-python="`false`" pulumi-lang-yaml="`false`" pulumi-lang-java="`false`">`false`</span> is assumed.
     */
    autostart?: pulumi.Input<boolean>;
    /**
     * The bridge device defines the name of a bridge
     * device which will be used to construct the virtual network (when not provided,
     * it will be automatically obtained by libvirt in <span pulumi-lang-nodejs="`none`" pulumi-lang-dotnet="`None`" pulumi-lang-go="`none`" pulumi-lang-python="`none`" pulumi-lang-yaml="`none`" pulumi-lang-java="`none`">`none`</span>, <span pulumi-lang-nodejs="`nat`" pulumi-lang-dotnet="`Nat`" pulumi-lang-go="`nat`" pulumi-lang-python="`nat`" pulumi-lang-yaml="`nat`" pulumi-lang-java="`nat`">`nat`</span>, <span pulumi-lang-nodejs="`route`" pulumi-lang-dotnet="`Route`" pulumi-lang-go="`route`" pulumi-lang-python="`route`" pulumi-lang-yaml="`route`" pulumi-lang-java="`route`">`route`</span> and <span pulumi-lang-nodejs="`open`" pulumi-lang-dotnet="`Open`" pulumi-lang-go="`open`" pulumi-lang-python="`open`" pulumi-lang-yaml="`open`" pulumi-lang-java="`open`">`open`</span> modes).
     */
    bridge?: pulumi.Input<string>;
    dhcp?: pulumi.Input<inputs.NetworkDhcp>;
    /**
     * configuration of DNS specific settings for the network
     */
    dns?: pulumi.Input<inputs.NetworkDns>;
    dnsmasqOptions?: pulumi.Input<inputs.NetworkDnsmasqOptions>;
    /**
     * The domain used by the DNS server.
     */
    domain?: pulumi.Input<string>;
    /**
     * One of:
     */
    mode?: pulumi.Input<string>;
    /**
     * The MTU to set for the underlying network interfaces. When
     * not supplied, libvirt will use the default for the interface, usually 1500.
     * Libvirt version 5.1 and greater will advertise this value to nodes via DHCP.
     */
    mtu?: pulumi.Input<number>;
    /**
     * A unique name for the resource, required by libvirt.
     * Changing this forces a new resource to be created.
     */
    name: pulumi.Input<string>;
    /**
     * a list of static routes. A <span pulumi-lang-nodejs="`cidr`" pulumi-lang-dotnet="`Cidr`" pulumi-lang-go="`cidr`" pulumi-lang-python="`cidr`" pulumi-lang-yaml="`cidr`" pulumi-lang-java="`cidr`">`cidr`</span> and a <span pulumi-lang-nodejs="`gateway`" pulumi-lang-dotnet="`Gateway`" pulumi-lang-go="`gateway`" pulumi-lang-python="`gateway`" pulumi-lang-yaml="`gateway`" pulumi-lang-java="`gateway`">`gateway`</span> must
     * be provided. The <span pulumi-lang-nodejs="`gateway`" pulumi-lang-dotnet="`Gateway`" pulumi-lang-go="`gateway`" pulumi-lang-python="`gateway`" pulumi-lang-yaml="`gateway`" pulumi-lang-java="`gateway`">`gateway`</span> must be reachable via the bridge interface.
     */
    routes?: pulumi.Input<pulumi.Input<inputs.NetworkRoute>[]>;
    xml?: pulumi.Input<inputs.NetworkXml>;
}
