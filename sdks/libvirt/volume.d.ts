import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
/**
 * Manages a storage volume in libvirt. For more information see
 * [the official documentation](https://libvirt.org/formatstorage.html).
 *
 * ## Example Usage
 *
 * > **Tip:** when provisioning multiple domains using the same base image, create
 * a <span pulumi-lang-nodejs="`libvirt.Volume`" pulumi-lang-dotnet="`libvirt.Volume`" pulumi-lang-go="`Volume`" pulumi-lang-python="`Volume`" pulumi-lang-yaml="`libvirt.Volume`" pulumi-lang-java="`libvirt.Volume`">`libvirt.Volume`</span> for the base image and then define the domain specific ones
 * as based on it. This way the image will not be modified and no extra disk space
 * is going to be used for the base image.
 */
export declare class Volume extends pulumi.CustomResource {
    /**
     * Get an existing Volume resource's state with the given name, ID, and optional extra
     * properties used to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The _unique_ provider ID of the resource to lookup.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: VolumeState, opts?: pulumi.CustomResourceOptions): Volume;
    /**
     * Returns true if the given object is an instance of Volume.  This is designed to work even
     * when multiple copies of the Pulumi SDK have been loaded into the same process.
     */
    static isInstance(obj: any): obj is Volume;
    /**
     * The backing volume (CoW) to use for this volume.
     */
    readonly baseVolumeId: pulumi.Output<string | undefined>;
    /**
     * The name of the backing volume (CoW) to use
     * for this volume. Note well: when <span pulumi-lang-nodejs="`baseVolumePool`" pulumi-lang-dotnet="`BaseVolumePool`" pulumi-lang-go="`baseVolumePool`" pulumi-lang-python="`base_volume_pool`" pulumi-lang-yaml="`baseVolumePool`" pulumi-lang-java="`baseVolumePool`">`baseVolumePool`</span> is not specified the
     * volume is going to be searched inside of <span pulumi-lang-nodejs="`pool`" pulumi-lang-dotnet="`Pool`" pulumi-lang-go="`pool`" pulumi-lang-python="`pool`" pulumi-lang-yaml="`pool`" pulumi-lang-java="`pool`">`pool`</span>.
     */
    readonly baseVolumeName: pulumi.Output<string | undefined>;
    /**
     * The name of the storage pool containing the
     * volume defined by <span pulumi-lang-nodejs="`baseVolumeName`" pulumi-lang-dotnet="`BaseVolumeName`" pulumi-lang-go="`baseVolumeName`" pulumi-lang-python="`base_volume_name`" pulumi-lang-yaml="`baseVolumeName`" pulumi-lang-java="`baseVolumeName`">`baseVolumeName`</span>.
     */
    readonly baseVolumePool: pulumi.Output<string | undefined>;
    readonly format: pulumi.Output<string>;
    /**
     * A unique name for the resource, required by libvirt.
     * Changing this forces a new resource to be created.
     */
    readonly name: pulumi.Output<string>;
    /**
     * The storage pool where the resource will be created.
     * If not given, the <span pulumi-lang-nodejs="`default`" pulumi-lang-dotnet="`Default`" pulumi-lang-go="`default`" pulumi-lang-python="`default`" pulumi-lang-yaml="`default`" pulumi-lang-java="`default`">`default`</span> storage pool will be used.
     */
    readonly pool: pulumi.Output<string | undefined>;
    /**
     * The size of the volume in bytes (if you don't like this,
     * help fix this issue.
     * If <span pulumi-lang-nodejs="`source`" pulumi-lang-dotnet="`Source`" pulumi-lang-go="`source`" pulumi-lang-python="`source`" pulumi-lang-yaml="`source`" pulumi-lang-java="`source`">`source`</span> is specified, <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> will be set to the source image file size.
     * <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> can be omitted if <span pulumi-lang-nodejs="`source`" pulumi-lang-dotnet="`Source`" pulumi-lang-go="`source`" pulumi-lang-python="`source`" pulumi-lang-yaml="`source`" pulumi-lang-java="`source`">`source`</span> is specified. <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> will then be set to the source image file size.
     * <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> can be omitted if <span pulumi-lang-nodejs="`baseVolumeId`" pulumi-lang-dotnet="`BaseVolumeId`" pulumi-lang-go="`baseVolumeId`" pulumi-lang-python="`base_volume_id`" pulumi-lang-yaml="`baseVolumeId`" pulumi-lang-java="`baseVolumeId`">`baseVolumeId`</span> or <span pulumi-lang-nodejs="`baseVolumeName`" pulumi-lang-dotnet="`BaseVolumeName`" pulumi-lang-go="`baseVolumeName`" pulumi-lang-python="`base_volume_name`" pulumi-lang-yaml="`baseVolumeName`" pulumi-lang-java="`baseVolumeName`">`baseVolumeName`</span> is specified. <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> will then be set to the base volume size.
     * If <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> is specified to be bigger than <span pulumi-lang-nodejs="`baseVolumeId`" pulumi-lang-dotnet="`BaseVolumeId`" pulumi-lang-go="`baseVolumeId`" pulumi-lang-python="`base_volume_id`" pulumi-lang-yaml="`baseVolumeId`" pulumi-lang-java="`baseVolumeId`">`baseVolumeId`</span> or <span pulumi-lang-nodejs="`baseVolumeName`" pulumi-lang-dotnet="`BaseVolumeName`" pulumi-lang-go="`baseVolumeName`" pulumi-lang-python="`base_volume_name`" pulumi-lang-yaml="`baseVolumeName`" pulumi-lang-java="`baseVolumeName`">`baseVolumeName`</span> size, you can use [cloudinit](https://cloudinit.readthedocs.io) if your OS supports it, with <span pulumi-lang-nodejs="`libvirt.CloudinitDisk`" pulumi-lang-dotnet="`libvirt.CloudinitDisk`" pulumi-lang-go="`CloudinitDisk`" pulumi-lang-python="`CloudinitDisk`" pulumi-lang-yaml="`libvirt.CloudinitDisk`" pulumi-lang-java="`libvirt.CloudinitDisk`">`libvirt.CloudinitDisk`</span> and the [growpart](https://cloudinit.readthedocs.io/en/latest/topics/modules.html#growpart) module to resize the partition.
     */
    readonly size: pulumi.Output<number>;
    /**
     * If specified, the image will be uploaded into libvirt
     * storage pool. It's possible to specify the path to a local (relative to the
     * machine running the <span pulumi-lang-nodejs="`terraform`" pulumi-lang-dotnet="`Terraform`" pulumi-lang-go="`terraform`" pulumi-lang-python="`terraform`" pulumi-lang-yaml="`terraform`" pulumi-lang-java="`terraform`">`terraform`</span> command) image or a remote one. Remote images
     * have to be specified using HTTP(S) urls for now.
     */
    readonly source: pulumi.Output<string | undefined>;
    readonly xml: pulumi.Output<outputs.VolumeXml | undefined>;
    /**
     * Create a Volume resource with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: VolumeArgs, opts?: pulumi.CustomResourceOptions);
}
/**
 * Input properties used for looking up and filtering Volume resources.
 */
export interface VolumeState {
    /**
     * The backing volume (CoW) to use for this volume.
     */
    baseVolumeId?: pulumi.Input<string>;
    /**
     * The name of the backing volume (CoW) to use
     * for this volume. Note well: when <span pulumi-lang-nodejs="`baseVolumePool`" pulumi-lang-dotnet="`BaseVolumePool`" pulumi-lang-go="`baseVolumePool`" pulumi-lang-python="`base_volume_pool`" pulumi-lang-yaml="`baseVolumePool`" pulumi-lang-java="`baseVolumePool`">`baseVolumePool`</span> is not specified the
     * volume is going to be searched inside of <span pulumi-lang-nodejs="`pool`" pulumi-lang-dotnet="`Pool`" pulumi-lang-go="`pool`" pulumi-lang-python="`pool`" pulumi-lang-yaml="`pool`" pulumi-lang-java="`pool`">`pool`</span>.
     */
    baseVolumeName?: pulumi.Input<string>;
    /**
     * The name of the storage pool containing the
     * volume defined by <span pulumi-lang-nodejs="`baseVolumeName`" pulumi-lang-dotnet="`BaseVolumeName`" pulumi-lang-go="`baseVolumeName`" pulumi-lang-python="`base_volume_name`" pulumi-lang-yaml="`baseVolumeName`" pulumi-lang-java="`baseVolumeName`">`baseVolumeName`</span>.
     */
    baseVolumePool?: pulumi.Input<string>;
    format?: pulumi.Input<string>;
    /**
     * A unique name for the resource, required by libvirt.
     * Changing this forces a new resource to be created.
     */
    name?: pulumi.Input<string>;
    /**
     * The storage pool where the resource will be created.
     * If not given, the <span pulumi-lang-nodejs="`default`" pulumi-lang-dotnet="`Default`" pulumi-lang-go="`default`" pulumi-lang-python="`default`" pulumi-lang-yaml="`default`" pulumi-lang-java="`default`">`default`</span> storage pool will be used.
     */
    pool?: pulumi.Input<string>;
    /**
     * The size of the volume in bytes (if you don't like this,
     * help fix this issue.
     * If <span pulumi-lang-nodejs="`source`" pulumi-lang-dotnet="`Source`" pulumi-lang-go="`source`" pulumi-lang-python="`source`" pulumi-lang-yaml="`source`" pulumi-lang-java="`source`">`source`</span> is specified, <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> will be set to the source image file size.
     * <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> can be omitted if <span pulumi-lang-nodejs="`source`" pulumi-lang-dotnet="`Source`" pulumi-lang-go="`source`" pulumi-lang-python="`source`" pulumi-lang-yaml="`source`" pulumi-lang-java="`source`">`source`</span> is specified. <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> will then be set to the source image file size.
     * <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> can be omitted if <span pulumi-lang-nodejs="`baseVolumeId`" pulumi-lang-dotnet="`BaseVolumeId`" pulumi-lang-go="`baseVolumeId`" pulumi-lang-python="`base_volume_id`" pulumi-lang-yaml="`baseVolumeId`" pulumi-lang-java="`baseVolumeId`">`baseVolumeId`</span> or <span pulumi-lang-nodejs="`baseVolumeName`" pulumi-lang-dotnet="`BaseVolumeName`" pulumi-lang-go="`baseVolumeName`" pulumi-lang-python="`base_volume_name`" pulumi-lang-yaml="`baseVolumeName`" pulumi-lang-java="`baseVolumeName`">`baseVolumeName`</span> is specified. <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> will then be set to the base volume size.
     * If <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> is specified to be bigger than <span pulumi-lang-nodejs="`baseVolumeId`" pulumi-lang-dotnet="`BaseVolumeId`" pulumi-lang-go="`baseVolumeId`" pulumi-lang-python="`base_volume_id`" pulumi-lang-yaml="`baseVolumeId`" pulumi-lang-java="`baseVolumeId`">`baseVolumeId`</span> or <span pulumi-lang-nodejs="`baseVolumeName`" pulumi-lang-dotnet="`BaseVolumeName`" pulumi-lang-go="`baseVolumeName`" pulumi-lang-python="`base_volume_name`" pulumi-lang-yaml="`baseVolumeName`" pulumi-lang-java="`baseVolumeName`">`baseVolumeName`</span> size, you can use [cloudinit](https://cloudinit.readthedocs.io) if your OS supports it, with <span pulumi-lang-nodejs="`libvirt.CloudinitDisk`" pulumi-lang-dotnet="`libvirt.CloudinitDisk`" pulumi-lang-go="`CloudinitDisk`" pulumi-lang-python="`CloudinitDisk`" pulumi-lang-yaml="`libvirt.CloudinitDisk`" pulumi-lang-java="`libvirt.CloudinitDisk`">`libvirt.CloudinitDisk`</span> and the [growpart](https://cloudinit.readthedocs.io/en/latest/topics/modules.html#growpart) module to resize the partition.
     */
    size?: pulumi.Input<number>;
    /**
     * If specified, the image will be uploaded into libvirt
     * storage pool. It's possible to specify the path to a local (relative to the
     * machine running the <span pulumi-lang-nodejs="`terraform`" pulumi-lang-dotnet="`Terraform`" pulumi-lang-go="`terraform`" pulumi-lang-python="`terraform`" pulumi-lang-yaml="`terraform`" pulumi-lang-java="`terraform`">`terraform`</span> command) image or a remote one. Remote images
     * have to be specified using HTTP(S) urls for now.
     */
    source?: pulumi.Input<string>;
    xml?: pulumi.Input<inputs.VolumeXml>;
}
/**
 * The set of arguments for constructing a Volume resource.
 */
export interface VolumeArgs {
    /**
     * The backing volume (CoW) to use for this volume.
     */
    baseVolumeId?: pulumi.Input<string>;
    /**
     * The name of the backing volume (CoW) to use
     * for this volume. Note well: when <span pulumi-lang-nodejs="`baseVolumePool`" pulumi-lang-dotnet="`BaseVolumePool`" pulumi-lang-go="`baseVolumePool`" pulumi-lang-python="`base_volume_pool`" pulumi-lang-yaml="`baseVolumePool`" pulumi-lang-java="`baseVolumePool`">`baseVolumePool`</span> is not specified the
     * volume is going to be searched inside of <span pulumi-lang-nodejs="`pool`" pulumi-lang-dotnet="`Pool`" pulumi-lang-go="`pool`" pulumi-lang-python="`pool`" pulumi-lang-yaml="`pool`" pulumi-lang-java="`pool`">`pool`</span>.
     */
    baseVolumeName?: pulumi.Input<string>;
    /**
     * The name of the storage pool containing the
     * volume defined by <span pulumi-lang-nodejs="`baseVolumeName`" pulumi-lang-dotnet="`BaseVolumeName`" pulumi-lang-go="`baseVolumeName`" pulumi-lang-python="`base_volume_name`" pulumi-lang-yaml="`baseVolumeName`" pulumi-lang-java="`baseVolumeName`">`baseVolumeName`</span>.
     */
    baseVolumePool?: pulumi.Input<string>;
    format?: pulumi.Input<string>;
    /**
     * A unique name for the resource, required by libvirt.
     * Changing this forces a new resource to be created.
     */
    name: pulumi.Input<string>;
    /**
     * The storage pool where the resource will be created.
     * If not given, the <span pulumi-lang-nodejs="`default`" pulumi-lang-dotnet="`Default`" pulumi-lang-go="`default`" pulumi-lang-python="`default`" pulumi-lang-yaml="`default`" pulumi-lang-java="`default`">`default`</span> storage pool will be used.
     */
    pool?: pulumi.Input<string>;
    /**
     * The size of the volume in bytes (if you don't like this,
     * help fix this issue.
     * If <span pulumi-lang-nodejs="`source`" pulumi-lang-dotnet="`Source`" pulumi-lang-go="`source`" pulumi-lang-python="`source`" pulumi-lang-yaml="`source`" pulumi-lang-java="`source`">`source`</span> is specified, <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> will be set to the source image file size.
     * <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> can be omitted if <span pulumi-lang-nodejs="`source`" pulumi-lang-dotnet="`Source`" pulumi-lang-go="`source`" pulumi-lang-python="`source`" pulumi-lang-yaml="`source`" pulumi-lang-java="`source`">`source`</span> is specified. <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> will then be set to the source image file size.
     * <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> can be omitted if <span pulumi-lang-nodejs="`baseVolumeId`" pulumi-lang-dotnet="`BaseVolumeId`" pulumi-lang-go="`baseVolumeId`" pulumi-lang-python="`base_volume_id`" pulumi-lang-yaml="`baseVolumeId`" pulumi-lang-java="`baseVolumeId`">`baseVolumeId`</span> or <span pulumi-lang-nodejs="`baseVolumeName`" pulumi-lang-dotnet="`BaseVolumeName`" pulumi-lang-go="`baseVolumeName`" pulumi-lang-python="`base_volume_name`" pulumi-lang-yaml="`baseVolumeName`" pulumi-lang-java="`baseVolumeName`">`baseVolumeName`</span> is specified. <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> will then be set to the base volume size.
     * If <span pulumi-lang-nodejs="`size`" pulumi-lang-dotnet="`Size`" pulumi-lang-go="`size`" pulumi-lang-python="`size`" pulumi-lang-yaml="`size`" pulumi-lang-java="`size`">`size`</span> is specified to be bigger than <span pulumi-lang-nodejs="`baseVolumeId`" pulumi-lang-dotnet="`BaseVolumeId`" pulumi-lang-go="`baseVolumeId`" pulumi-lang-python="`base_volume_id`" pulumi-lang-yaml="`baseVolumeId`" pulumi-lang-java="`baseVolumeId`">`baseVolumeId`</span> or <span pulumi-lang-nodejs="`baseVolumeName`" pulumi-lang-dotnet="`BaseVolumeName`" pulumi-lang-go="`baseVolumeName`" pulumi-lang-python="`base_volume_name`" pulumi-lang-yaml="`baseVolumeName`" pulumi-lang-java="`baseVolumeName`">`baseVolumeName`</span> size, you can use [cloudinit](https://cloudinit.readthedocs.io) if your OS supports it, with <span pulumi-lang-nodejs="`libvirt.CloudinitDisk`" pulumi-lang-dotnet="`libvirt.CloudinitDisk`" pulumi-lang-go="`CloudinitDisk`" pulumi-lang-python="`CloudinitDisk`" pulumi-lang-yaml="`libvirt.CloudinitDisk`" pulumi-lang-java="`libvirt.CloudinitDisk`">`libvirt.CloudinitDisk`</span> and the [growpart](https://cloudinit.readthedocs.io/en/latest/topics/modules.html#growpart) module to resize the partition.
     */
    size?: pulumi.Input<number>;
    /**
     * If specified, the image will be uploaded into libvirt
     * storage pool. It's possible to specify the path to a local (relative to the
     * machine running the <span pulumi-lang-nodejs="`terraform`" pulumi-lang-dotnet="`Terraform`" pulumi-lang-go="`terraform`" pulumi-lang-python="`terraform`" pulumi-lang-yaml="`terraform`" pulumi-lang-java="`terraform`">`terraform`</span> command) image or a remote one. Remote images
     * have to be specified using HTTP(S) urls for now.
     */
    source?: pulumi.Input<string>;
    xml?: pulumi.Input<inputs.VolumeXml>;
}
