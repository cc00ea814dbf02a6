import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
/**
 * Retrieve information about a specific device on the current node
 *
 * ## Example Usage
 */
export declare function getNodeDeviceInfo(args: GetNodeDeviceInfoArgs, opts?: pulumi.InvokeOptions): Promise<GetNodeDeviceInfoResult>;
/**
 * A collection of arguments for invoking getNodeDeviceInfo.
 */
export interface GetNodeDeviceInfoArgs {
    /**
     * Holds key <span pulumi-lang-nodejs="`type`" pulumi-lang-dotnet="`Type`" pulumi-lang-go="`type`" pulumi-lang-python="`type`" pulumi-lang-yaml="`type`" pulumi-lang-java="`type`">`type`</span> that describes the type of network interface: <span pulumi-lang-nodejs="`80203`" pulumi-lang-dotnet="`80203`" pulumi-lang-go="`80203`" pulumi-lang-python="`80203`" pulumi-lang-yaml="`80203`" pulumi-lang-java="`80203`">`80203`</span> for IEEE 802.3 or <span pulumi-lang-nodejs="`80211`" pulumi-lang-dotnet="`80211`" pulumi-lang-go="`80211`" pulumi-lang-python="`80211`" pulumi-lang-yaml="`80211`" pulumi-lang-java="`80211`">`80211`</span> for IEEE 802.11
     */
    capability?: inputs.GetNodeDeviceInfoCapability;
    /**
     * The name of the device name as expected by [libvirt](https://www.libvirt.org/manpages/virsh.html#nodedev-commands).
     */
    name: string;
}
/**
 * A collection of values returned by getNodeDeviceInfo.
 */
export interface GetNodeDeviceInfoResult {
    /**
     * Holds key <span pulumi-lang-nodejs="`type`" pulumi-lang-dotnet="`Type`" pulumi-lang-go="`type`" pulumi-lang-python="`type`" pulumi-lang-yaml="`type`" pulumi-lang-java="`type`">`type`</span> that describes the type of network interface: <span pulumi-lang-nodejs="`80203`" pulumi-lang-dotnet="`80203`" pulumi-lang-go="`80203`" pulumi-lang-python="`80203`" pulumi-lang-yaml="`80203`" pulumi-lang-java="`80203`">`80203`</span> for IEEE 802.3 or <span pulumi-lang-nodejs="`80211`" pulumi-lang-dotnet="`80211`" pulumi-lang-go="`80211`" pulumi-lang-python="`80211`" pulumi-lang-yaml="`80211`" pulumi-lang-java="`80211`">`80211`</span> for IEEE 802.11
     */
    readonly capability: outputs.GetNodeDeviceInfoCapability;
    /**
     * For type <span pulumi-lang-nodejs="`drm`" pulumi-lang-dotnet="`Drm`" pulumi-lang-go="`drm`" pulumi-lang-python="`drm`" pulumi-lang-yaml="`drm`" pulumi-lang-java="`drm`">`drm`</span> holds the <span pulumi-lang-nodejs="`path`" pulumi-lang-dotnet="`Path`" pulumi-lang-go="`path`" pulumi-lang-python="`path`" pulumi-lang-yaml="`path`" pulumi-lang-java="`path`">`path`</span> and <span pulumi-lang-nodejs="`link`" pulumi-lang-dotnet="`Link`" pulumi-lang-go="`link`" pulumi-lang-python="`link`" pulumi-lang-yaml="`link`" pulumi-lang-java="`link`">`link`</span> that point to the device
     */
    readonly devnodes: outputs.GetNodeDeviceInfoDevnode[];
    /**
     * The provider-assigned unique ID for this managed resource.
     */
    readonly id: string;
    readonly name: string;
    /**
     * The parent of this device in the hierarchy
     */
    readonly parent: string;
    /**
     * Full path of the device
     */
    readonly path: string;
    /**
     * The XML returned by the libvirt API call
     */
    readonly xml: string;
}
/**
 * Retrieve information about a specific device on the current node
 *
 * ## Example Usage
 */
export declare function getNodeDeviceInfoOutput(args: GetNodeDeviceInfoOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetNodeDeviceInfoResult>;
/**
 * A collection of arguments for invoking getNodeDeviceInfo.
 */
export interface GetNodeDeviceInfoOutputArgs {
    /**
     * Holds key <span pulumi-lang-nodejs="`type`" pulumi-lang-dotnet="`Type`" pulumi-lang-go="`type`" pulumi-lang-python="`type`" pulumi-lang-yaml="`type`" pulumi-lang-java="`type`">`type`</span> that describes the type of network interface: <span pulumi-lang-nodejs="`80203`" pulumi-lang-dotnet="`80203`" pulumi-lang-go="`80203`" pulumi-lang-python="`80203`" pulumi-lang-yaml="`80203`" pulumi-lang-java="`80203`">`80203`</span> for IEEE 802.3 or <span pulumi-lang-nodejs="`80211`" pulumi-lang-dotnet="`80211`" pulumi-lang-go="`80211`" pulumi-lang-python="`80211`" pulumi-lang-yaml="`80211`" pulumi-lang-java="`80211`">`80211`</span> for IEEE 802.11
     */
    capability?: pulumi.Input<inputs.GetNodeDeviceInfoCapabilityArgs>;
    /**
     * The name of the device name as expected by [libvirt](https://www.libvirt.org/manpages/virsh.html#nodedev-commands).
     */
    name: pulumi.Input<string>;
}
