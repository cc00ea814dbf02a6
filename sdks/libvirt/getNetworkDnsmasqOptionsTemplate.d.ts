import * as pulumi from "@pulumi/pulumi";
export declare function getNetworkDnsmasqOptionsTemplate(args: GetNetworkDnsmasqOptionsTemplateArgs, opts?: pulumi.InvokeOptions): Promise<GetNetworkDnsmasqOptionsTemplateResult>;
/**
 * A collection of arguments for invoking getNetworkDnsmasqOptionsTemplate.
 */
export interface GetNetworkDnsmasqOptionsTemplateArgs {
    optionName: string;
    optionValue?: string;
}
/**
 * A collection of values returned by getNetworkDnsmasqOptionsTemplate.
 */
export interface GetNetworkDnsmasqOptionsTemplateResult {
    /**
     * The provider-assigned unique ID for this managed resource.
     */
    readonly id: string;
    readonly optionName: string;
    readonly optionValue?: string;
    readonly rendered: {
        [key: string]: string;
    };
}
export declare function getNetworkDnsmasqOptionsTemplateOutput(args: GetNetworkDnsmasqOptionsTemplateOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetNetworkDnsmasqOptionsTemplateResult>;
/**
 * A collection of arguments for invoking getNetworkDnsmasqOptionsTemplate.
 */
export interface GetNetworkDnsmasqOptionsTemplateOutputArgs {
    optionName: pulumi.Input<string>;
    optionValue?: pulumi.Input<string>;
}
