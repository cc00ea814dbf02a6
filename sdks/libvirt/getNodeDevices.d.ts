import * as pulumi from "@pulumi/pulumi";
/**
 * Retrieve information about the devices present on the current node
 *
 * ## Example Usage
 */
export declare function getNodeDevices(args?: GetNodeDevicesArgs, opts?: pulumi.InvokeOptions): Promise<GetNodeDevicesResult>;
/**
 * A collection of arguments for invoking getNodeDevices.
 */
export interface GetNodeDevicesArgs {
    /**
     * The type of device, used to filter the output by capability type.
     * Can be one of <span pulumi-lang-nodejs="`system`" pulumi-lang-dotnet="`System`" pulumi-lang-go="`system`" pulumi-lang-python="`system`" pulumi-lang-yaml="`system`" pulumi-lang-java="`system`">`system`</span>, <span pulumi-lang-nodejs="`pci`" pulumi-lang-dotnet="`Pci`" pulumi-lang-go="`pci`" pulumi-lang-python="`pci`" pulumi-lang-yaml="`pci`" pulumi-lang-java="`pci`">`pci`</span>, <span pulumi-lang-nodejs="`usbDevice`" pulumi-lang-dotnet="`UsbDevice`" pulumi-lang-go="`usbDevice`" pulumi-lang-python="`usb_device`" pulumi-lang-yaml="`usbDevice`" pulumi-lang-java="`usbDevice`">`usbDevice`</span>,  <span pulumi-lang-nodejs="`usb`" pulumi-lang-dotnet="`Usb`" pulumi-lang-go="`usb`" pulumi-lang-python="`usb`" pulumi-lang-yaml="`usb`" pulumi-lang-java="`usb`">`usb`</span>,  <span pulumi-lang-nodejs="`net`" pulumi-lang-dotnet="`Net`" pulumi-lang-go="`net`" pulumi-lang-python="`net`" pulumi-lang-yaml="`net`" pulumi-lang-java="`net`">`net`</span>,  <span pulumi-lang-nodejs="`scsiHost`" pulumi-lang-dotnet="`ScsiHost`" pulumi-lang-go="`scsiHost`" pulumi-lang-python="`scsi_host`" pulumi-lang-yaml="`scsiHost`" pulumi-lang-java="`scsiHost`">`scsiHost`</span>,
     * <span pulumi-lang-nodejs="`scsiTarget`" pulumi-lang-dotnet="`ScsiTarget`" pulumi-lang-go="`scsiTarget`" pulumi-lang-python="`scsi_target`" pulumi-lang-yaml="`scsiTarget`" pulumi-lang-java="`scsiTarget`">`scsiTarget`</span>,  <span pulumi-lang-nodejs="`scsi`" pulumi-lang-dotnet="`Scsi`" pulumi-lang-go="`scsi`" pulumi-lang-python="`scsi`" pulumi-lang-yaml="`scsi`" pulumi-lang-java="`scsi`">`scsi`</span>,  <span pulumi-lang-nodejs="`storage`" pulumi-lang-dotnet="`Storage`" pulumi-lang-go="`storage`" pulumi-lang-python="`storage`" pulumi-lang-yaml="`storage`" pulumi-lang-java="`storage`">`storage`</span>, <span pulumi-lang-nodejs="`fcHost`" pulumi-lang-dotnet="`FcHost`" pulumi-lang-go="`fcHost`" pulumi-lang-python="`fc_host`" pulumi-lang-yaml="`fcHost`" pulumi-lang-java="`fcHost`">`fcHost`</span>,  <span pulumi-lang-nodejs="`vports`" pulumi-lang-dotnet="`Vports`" pulumi-lang-go="`vports`" pulumi-lang-python="`vports`" pulumi-lang-yaml="`vports`" pulumi-lang-java="`vports`">`vports`</span>, <span pulumi-lang-nodejs="`scsiGeneric`" pulumi-lang-dotnet="`ScsiGeneric`" pulumi-lang-go="`scsiGeneric`" pulumi-lang-python="`scsi_generic`" pulumi-lang-yaml="`scsiGeneric`" pulumi-lang-java="`scsiGeneric`">`scsiGeneric`</span>, <span pulumi-lang-nodejs="`drm`" pulumi-lang-dotnet="`Drm`" pulumi-lang-go="`drm`" pulumi-lang-python="`drm`" pulumi-lang-yaml="`drm`" pulumi-lang-java="`drm`">`drm`</span>,
     * <span pulumi-lang-nodejs="`mdev`" pulumi-lang-dotnet="`Mdev`" pulumi-lang-go="`mdev`" pulumi-lang-python="`mdev`" pulumi-lang-yaml="`mdev`" pulumi-lang-java="`mdev`">`mdev`</span>, <span pulumi-lang-nodejs="`mdevTypes`" pulumi-lang-dotnet="`MdevTypes`" pulumi-lang-go="`mdevTypes`" pulumi-lang-python="`mdev_types`" pulumi-lang-yaml="`mdevTypes`" pulumi-lang-java="`mdevTypes`">`mdevTypes`</span>, <span pulumi-lang-nodejs="`ccw`" pulumi-lang-dotnet="`Ccw`" pulumi-lang-go="`ccw`" pulumi-lang-python="`ccw`" pulumi-lang-yaml="`ccw`" pulumi-lang-java="`ccw`">`ccw`</span>, <span pulumi-lang-nodejs="`css`" pulumi-lang-dotnet="`Css`" pulumi-lang-go="`css`" pulumi-lang-python="`css`" pulumi-lang-yaml="`css`" pulumi-lang-java="`css`">`css`</span>, <span pulumi-lang-nodejs="`apCard`" pulumi-lang-dotnet="`ApCard`" pulumi-lang-go="`apCard`" pulumi-lang-python="`ap_card`" pulumi-lang-yaml="`apCard`" pulumi-lang-java="`apCard`">`apCard`</span>, <span pulumi-lang-nodejs="`apQueue`" pulumi-lang-dotnet="`ApQueue`" pulumi-lang-go="`apQueue`" pulumi-lang-python="`ap_queue`" pulumi-lang-yaml="`apQueue`" pulumi-lang-java="`apQueue`">`apQueue`</span>, <span pulumi-lang-nodejs="`apMatrix`" pulumi-lang-dotnet="`ApMatrix`" pulumi-lang-go="`apMatrix`" pulumi-lang-python="`ap_matrix`" pulumi-lang-yaml="`apMatrix`" pulumi-lang-java="`apMatrix`">`apMatrix`</span>.
     * Defaults to all active devices.
     */
    capability?: string;
}
/**
 * A collection of values returned by getNodeDevices.
 */
export interface GetNodeDevicesResult {
    readonly capability?: string;
    /**
     * A list of devices that match the selected capability
     */
    readonly devices: string[];
    /**
     * The provider-assigned unique ID for this managed resource.
     */
    readonly id: string;
}
/**
 * Retrieve information about the devices present on the current node
 *
 * ## Example Usage
 */
export declare function getNodeDevicesOutput(args?: GetNodeDevicesOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetNodeDevicesResult>;
/**
 * A collection of arguments for invoking getNodeDevices.
 */
export interface GetNodeDevicesOutputArgs {
    /**
     * The type of device, used to filter the output by capability type.
     * Can be one of <span pulumi-lang-nodejs="`system`" pulumi-lang-dotnet="`System`" pulumi-lang-go="`system`" pulumi-lang-python="`system`" pulumi-lang-yaml="`system`" pulumi-lang-java="`system`">`system`</span>, <span pulumi-lang-nodejs="`pci`" pulumi-lang-dotnet="`Pci`" pulumi-lang-go="`pci`" pulumi-lang-python="`pci`" pulumi-lang-yaml="`pci`" pulumi-lang-java="`pci`">`pci`</span>, <span pulumi-lang-nodejs="`usbDevice`" pulumi-lang-dotnet="`UsbDevice`" pulumi-lang-go="`usbDevice`" pulumi-lang-python="`usb_device`" pulumi-lang-yaml="`usbDevice`" pulumi-lang-java="`usbDevice`">`usbDevice`</span>,  <span pulumi-lang-nodejs="`usb`" pulumi-lang-dotnet="`Usb`" pulumi-lang-go="`usb`" pulumi-lang-python="`usb`" pulumi-lang-yaml="`usb`" pulumi-lang-java="`usb`">`usb`</span>,  <span pulumi-lang-nodejs="`net`" pulumi-lang-dotnet="`Net`" pulumi-lang-go="`net`" pulumi-lang-python="`net`" pulumi-lang-yaml="`net`" pulumi-lang-java="`net`">`net`</span>,  <span pulumi-lang-nodejs="`scsiHost`" pulumi-lang-dotnet="`ScsiHost`" pulumi-lang-go="`scsiHost`" pulumi-lang-python="`scsi_host`" pulumi-lang-yaml="`scsiHost`" pulumi-lang-java="`scsiHost`">`scsiHost`</span>,
     * <span pulumi-lang-nodejs="`scsiTarget`" pulumi-lang-dotnet="`ScsiTarget`" pulumi-lang-go="`scsiTarget`" pulumi-lang-python="`scsi_target`" pulumi-lang-yaml="`scsiTarget`" pulumi-lang-java="`scsiTarget`">`scsiTarget`</span>,  <span pulumi-lang-nodejs="`scsi`" pulumi-lang-dotnet="`Scsi`" pulumi-lang-go="`scsi`" pulumi-lang-python="`scsi`" pulumi-lang-yaml="`scsi`" pulumi-lang-java="`scsi`">`scsi`</span>,  <span pulumi-lang-nodejs="`storage`" pulumi-lang-dotnet="`Storage`" pulumi-lang-go="`storage`" pulumi-lang-python="`storage`" pulumi-lang-yaml="`storage`" pulumi-lang-java="`storage`">`storage`</span>, <span pulumi-lang-nodejs="`fcHost`" pulumi-lang-dotnet="`FcHost`" pulumi-lang-go="`fcHost`" pulumi-lang-python="`fc_host`" pulumi-lang-yaml="`fcHost`" pulumi-lang-java="`fcHost`">`fcHost`</span>,  <span pulumi-lang-nodejs="`vports`" pulumi-lang-dotnet="`Vports`" pulumi-lang-go="`vports`" pulumi-lang-python="`vports`" pulumi-lang-yaml="`vports`" pulumi-lang-java="`vports`">`vports`</span>, <span pulumi-lang-nodejs="`scsiGeneric`" pulumi-lang-dotnet="`ScsiGeneric`" pulumi-lang-go="`scsiGeneric`" pulumi-lang-python="`scsi_generic`" pulumi-lang-yaml="`scsiGeneric`" pulumi-lang-java="`scsiGeneric`">`scsiGeneric`</span>, <span pulumi-lang-nodejs="`drm`" pulumi-lang-dotnet="`Drm`" pulumi-lang-go="`drm`" pulumi-lang-python="`drm`" pulumi-lang-yaml="`drm`" pulumi-lang-java="`drm`">`drm`</span>,
     * <span pulumi-lang-nodejs="`mdev`" pulumi-lang-dotnet="`Mdev`" pulumi-lang-go="`mdev`" pulumi-lang-python="`mdev`" pulumi-lang-yaml="`mdev`" pulumi-lang-java="`mdev`">`mdev`</span>, <span pulumi-lang-nodejs="`mdevTypes`" pulumi-lang-dotnet="`MdevTypes`" pulumi-lang-go="`mdevTypes`" pulumi-lang-python="`mdev_types`" pulumi-lang-yaml="`mdevTypes`" pulumi-lang-java="`mdevTypes`">`mdevTypes`</span>, <span pulumi-lang-nodejs="`ccw`" pulumi-lang-dotnet="`Ccw`" pulumi-lang-go="`ccw`" pulumi-lang-python="`ccw`" pulumi-lang-yaml="`ccw`" pulumi-lang-java="`ccw`">`ccw`</span>, <span pulumi-lang-nodejs="`css`" pulumi-lang-dotnet="`Css`" pulumi-lang-go="`css`" pulumi-lang-python="`css`" pulumi-lang-yaml="`css`" pulumi-lang-java="`css`">`css`</span>, <span pulumi-lang-nodejs="`apCard`" pulumi-lang-dotnet="`ApCard`" pulumi-lang-go="`apCard`" pulumi-lang-python="`ap_card`" pulumi-lang-yaml="`apCard`" pulumi-lang-java="`apCard`">`apCard`</span>, <span pulumi-lang-nodejs="`apQueue`" pulumi-lang-dotnet="`ApQueue`" pulumi-lang-go="`apQueue`" pulumi-lang-python="`ap_queue`" pulumi-lang-yaml="`apQueue`" pulumi-lang-java="`apQueue`">`apQueue`</span>, <span pulumi-lang-nodejs="`apMatrix`" pulumi-lang-dotnet="`ApMatrix`" pulumi-lang-go="`apMatrix`" pulumi-lang-python="`ap_matrix`" pulumi-lang-yaml="`apMatrix`" pulumi-lang-java="`apMatrix`">`apMatrix`</span>.
     * Defaults to all active devices.
     */
    capability?: pulumi.Input<string>;
}
