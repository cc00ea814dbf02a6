import * as pulumi from "@pulumi/pulumi";
export declare class CloudinitDisk extends pulumi.CustomResource {
    /**
     * Get an existing CloudinitDisk resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The _unique_ provider ID of the resource to lookup.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: CloudinitDiskState, opts?: pulumi.CustomResourceOptions): CloudinitDisk;
    /**
     * Returns true if the given object is an instance of CloudinitDisk.  This is designed to work even
     * when multiple copies of the Pulumi SDK have been loaded into the same process.
     */
    static isInstance(obj: any): obj is CloudinitDisk;
    readonly metaData: pulumi.Output<string | undefined>;
    readonly name: pulumi.Output<string>;
    readonly networkConfig: pulumi.Output<string | undefined>;
    readonly pool: pulumi.Output<string | undefined>;
    readonly userData: pulumi.Output<string | undefined>;
    /**
     * Create a CloudinitDisk resource with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: CloudinitDiskArgs, opts?: pulumi.CustomResourceOptions);
}
/**
 * Input properties used for looking up and filtering CloudinitDisk resources.
 */
export interface CloudinitDiskState {
    metaData?: pulumi.Input<string>;
    name?: pulumi.Input<string>;
    networkConfig?: pulumi.Input<string>;
    pool?: pulumi.Input<string>;
    userData?: pulumi.Input<string>;
}
/**
 * The set of arguments for constructing a CloudinitDisk resource.
 */
export interface CloudinitDiskArgs {
    metaData?: pulumi.Input<string>;
    name: pulumi.Input<string>;
    networkConfig?: pulumi.Input<string>;
    pool?: pulumi.Input<string>;
    userData?: pulumi.Input<string>;
}
