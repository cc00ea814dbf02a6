import * as pulumi from "@pulumi/pulumi";
export declare class Ignition extends pulumi.CustomResource {
    /**
     * Get an existing Ignition resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The _unique_ provider ID of the resource to lookup.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: IgnitionState, opts?: pulumi.CustomResourceOptions): Ignition;
    /**
     * Returns true if the given object is an instance of Ignition.  This is designed to work even
     * when multiple copies of the Pulumi SDK have been loaded into the same process.
     */
    static isInstance(obj: any): obj is Ignition;
    readonly content: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly pool: pulumi.Output<string | undefined>;
    /**
     * Create a Ignition resource with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: IgnitionArgs, opts?: pulumi.CustomResourceOptions);
}
/**
 * Input properties used for looking up and filtering Ignition resources.
 */
export interface IgnitionState {
    content?: pulumi.Input<string>;
    name?: pulumi.Input<string>;
    pool?: pulumi.Input<string>;
}
/**
 * The set of arguments for constructing a Ignition resource.
 */
export interface IgnitionArgs {
    content: pulumi.Input<string>;
    name: pulumi.Input<string>;
    pool?: pulumi.Input<string>;
}
