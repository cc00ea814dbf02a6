import * as pulumi from "@pulumi/pulumi";
export declare function getNetworkDnsHostTemplate(args: GetNetworkDnsHostTemplateArgs, opts?: pulumi.InvokeOptions): Promise<GetNetworkDnsHostTemplateResult>;
/**
 * A collection of arguments for invoking getNetworkDnsHostTemplate.
 */
export interface GetNetworkDnsHostTemplateArgs {
    hostname: string;
    ip: string;
}
/**
 * A collection of values returned by getNetworkDnsHostTemplate.
 */
export interface GetNetworkDnsHostTemplateResult {
    readonly hostname: string;
    /**
     * The provider-assigned unique ID for this managed resource.
     */
    readonly id: string;
    readonly ip: string;
    readonly rendered: {
        [key: string]: string;
    };
}
export declare function getNetworkDnsHostTemplateOutput(args: GetNetworkDnsHostTemplateOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetNetworkDnsHostTemplateResult>;
/**
 * A collection of arguments for invoking getNetworkDnsHostTemplate.
 */
export interface GetNetworkDnsHostTemplateOutputArgs {
    hostname: pulumi.Input<string>;
    ip: pulumi.Input<string>;
}
