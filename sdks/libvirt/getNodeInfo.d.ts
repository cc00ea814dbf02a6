import * as pulumi from "@pulumi/pulumi";
/**
 * Retrieve information about the current node
 *
 * ## Example Usage
 */
export declare function getNodeInfo(opts?: pulumi.InvokeOptions): Promise<GetNodeInfoResult>;
/**
 * A collection of values returned by getNodeInfo.
 */
export interface GetNodeInfoResult {
    /**
     * Number of CPU cores per each socket
     */
    readonly cpuCoresPerSocket: number;
    /**
     * Number of CPU cores in total
     */
    readonly cpuCoresTotal: number;
    /**
     * CPU Architecture, usually <span pulumi-lang-nodejs="`x8664`" pulumi-lang-dotnet="`X8664`" pulumi-lang-go="`x8664`" pulumi-lang-python="`x86_64`" pulumi-lang-yaml="`x8664`" pulumi-lang-java="`x8664`">`x8664`</span>
     */
    readonly cpuModel: string;
    /**
     * How many CPU sockets are present
     */
    readonly cpuSockets: number;
    /**
     * How many CPU Threads are available per each CPU core
     */
    readonly cpuThreadsPerCore: number;
    /**
     * The provider-assigned unique ID for this managed resource.
     */
    readonly id: string;
    /**
     * The amount of memory installed, in KiB
     */
    readonly memoryTotalKb: number;
    /**
     * How many NUMA nodes/cells are available.
     */
    readonly numaNodes: number;
}
/**
 * Retrieve information about the current node
 *
 * ## Example Usage
 */
export declare function getNodeInfoOutput(opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetNodeInfoResult>;
