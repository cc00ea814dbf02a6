import * as outputs from "../types/output";
export interface DomainBootDevice {
    devs?: string[];
}
export interface DomainConsole {
    /**
     * IP address to listen on. Defaults to 127.0.0.1.
     */
    sourceHost?: string;
    /**
     * Source path
     *
     * Additional attributes when type is "tcp":
     */
    sourcePath?: string;
    /**
     * Port number or a service name. Defaults to a
     * random port.
     *
     * Note that you can repeat the <span pulumi-lang-nodejs="`console`" pulumi-lang-dotnet="`Console`" pulumi-lang-go="`console`" pulumi-lang-python="`console`" pulumi-lang-yaml="`console`" pulumi-lang-java="`console`">`console`</span> block to create more than one console.
     * This works the same way as with the <span pulumi-lang-nodejs="`disk`" pulumi-lang-dotnet="`Disk`" pulumi-lang-go="`disk`" pulumi-lang-python="`disk`" pulumi-lang-yaml="`disk`" pulumi-lang-java="`disk`">`disk`</span> blocks (see above).
     *
     * See [libvirt Domain XML Console element](https://libvirt.org/formatdomain.html#elementsConsole)
     * for more information.
     */
    sourceService?: string;
    /**
     * Target port
     */
    targetPort: string;
    /**
     * for the first console and defaults to <span pulumi-lang-nodejs="`serial`" pulumi-lang-dotnet="`Serial`" pulumi-lang-go="`serial`" pulumi-lang-python="`serial`" pulumi-lang-yaml="`serial`" pulumi-lang-java="`serial`">`serial`</span>.
     * Subsequent <span pulumi-lang-nodejs="`console`" pulumi-lang-dotnet="`Console`" pulumi-lang-go="`console`" pulumi-lang-python="`console`" pulumi-lang-yaml="`console`" pulumi-lang-java="`console`">`console`</span> blocks must have a different type - usually <span pulumi-lang-nodejs="`virtio`" pulumi-lang-dotnet="`Virtio`" pulumi-lang-go="`virtio`" pulumi-lang-python="`virtio`" pulumi-lang-yaml="`virtio`" pulumi-lang-java="`virtio`">`virtio`</span>.
     *
     * Additional attributes when type is "pty":
     */
    targetType?: string;
    /**
     * Console device type. Valid values are "pty" and "tcp".
     */
    type: string;
}
export interface DomainCpu {
    mode: string;
}
export interface DomainDisk {
    /**
     * The path to the host device to use as the block device for this disk.
     *
     * While <span pulumi-lang-nodejs="`volumeId`" pulumi-lang-dotnet="`VolumeId`" pulumi-lang-go="`volumeId`" pulumi-lang-python="`volume_id`" pulumi-lang-yaml="`volumeId`" pulumi-lang-java="`volumeId`">`volumeId`</span>, <span pulumi-lang-nodejs="`url`" pulumi-lang-dotnet="`Url`" pulumi-lang-go="`url`" pulumi-lang-python="`url`" pulumi-lang-yaml="`url`" pulumi-lang-java="`url`">`url`</span>, <span pulumi-lang-nodejs="`file`" pulumi-lang-dotnet="`File`" pulumi-lang-go="`file`" pulumi-lang-python="`file`" pulumi-lang-yaml="`file`" pulumi-lang-java="`file`">`file`</span> and <span pulumi-lang-nodejs="`blockDevice`" pulumi-lang-dotnet="`BlockDevice`" pulumi-lang-go="`blockDevice`" pulumi-lang-python="`block_device`" pulumi-lang-yaml="`blockDevice`" pulumi-lang-java="`blockDevice`">`blockDevice`</span> are optional, it is intended that you use one of them.
     */
    blockDevice?: string;
    /**
     * The filename to use as the block device for this disk (read-only)
     */
    file?: string;
    /**
     * Use a scsi controller for this disk.  The controller
     * model is set to `virtio-scsi`
     */
    scsi?: boolean;
    /**
     * The http url to use as the block device for this disk (read-only)
     */
    url?: string;
    /**
     * The volume id to use for this disk.
     */
    volumeId?: string;
    /**
     * Specify a WWN to use for the disk if the disk is using
     * a scsi controller, if not specified then a random wwn is generated for the disk
     *
     *
     * ```hcl
     * resource "libvirt_volume" "leap" {
     * name   = "leap"
     * source = "http://someurl/openSUSE_Leap-42.1.qcow2"
     * }
     *
     * resource "libvirt_volume" "mydisk" {
     * name           = "mydisk"
     * base_volume_id = libvirt_volume.leap.id
     * }
     *
     * resource "libvirt_domain" "domain1" {
     * name = "domain1"
     * disk {
     * volume_id = libvirt_volume.mydisk.id
     * scsi      = "true"
     * }
     *
     * disk {
     * url = "http://foo.com/install.iso"
     * }
     *
     * disk {
     * file = "/absolute/path/to/disk.iso"
     * }
     *
     * disk {
     * block_device = "/dev/mapper/36005076802810e55400000000000145f"
     * }
     * }
     * ```
     *
     * Also note that the <span pulumi-lang-nodejs="`disk`" pulumi-lang-dotnet="`Disk`" pulumi-lang-go="`disk`" pulumi-lang-python="`disk`" pulumi-lang-yaml="`disk`" pulumi-lang-java="`disk`">`disk`</span> block is actually a list of maps, so it is possible to
     * declare several of them by using either the literal list and map syntax as in
     * the following examples:
     *
     * ```hcl
     * resource "libvirt_domain" "my_machine" {
     * ...
     * disk {
     * volume_id = libvirt_volume.volume1.id
     * }
     * disk {
     * volume_id = libvirt_volume.volume2.id
     * }
     * }
     * ```
     *
     * ```hcl
     * resource "libvirt_domain" "my_machine" {
     * ...
     * disk = [
     * {
     * volume_id = libvirt_volume.volume1.id
     * },
     * {
     * volume_id = libvirt_volume.volume2.id
     * }
     * ]
     * }
     * ```
     *
     * ```hcl
     * resource "libvirt_domain" "my_machine" {
     * ...
     * disk = [var.disk_map_list]
     * }
     * ```
     */
    wwn: string;
}
export interface DomainFilesystem {
    /**
     * specifies the security mode for accessing the source. By default
     * the <span pulumi-lang-nodejs="`mapped`" pulumi-lang-dotnet="`Mapped`" pulumi-lang-go="`mapped`" pulumi-lang-python="`mapped`" pulumi-lang-yaml="`mapped`" pulumi-lang-java="`mapped`">`mapped`</span> mode is chosen.
     */
    accessmode?: string;
    /**
     * enables exporting filesystem as a readonly mount for guest, by
     * default read-only access is given.
     *
     * Example:
     *
     * ```hcl
     * filesystem {
     * source   = "/tmp"
     * target   = "tmp"
     * readonly = false
     * }
     * filesystem {
     * source   = "/proc"
     * target   = "proc"
     * readonly = true
     * }
     * ```
     *
     * The exported filesystems can be mounted inside of the guest in this way:
     *
     * ```hcl
     * sudo mount -t 9p -o trans=virtio,version=9p2000.L,rw tmp /host/tmp
     * sudo mount -t 9p -o trans=virtio,version=9p2000.L,r proc /host/proc
     * ```
     *
     * This can be automated inside of `/etc/fstab`:
     * ```hcl
     * tmp /host/tmp 9p  trans=virtio,version=9p2000.L,rw  0 0
     * proc /host/proc  9p  trans=virtio,version=9p2000.L,r  0 0
     * ```
     */
    readonly?: boolean;
    /**
     * the directory of the host to be shared with the guest.
     */
    source: string;
    /**
     * an arbitrary string tag that is exported to the guest as a hint for
     * where to mount the source.
     */
    target: string;
}
export interface DomainGraphics {
    /**
     * defaults to "yes"
     */
    autoport?: boolean;
    /**
     * IP Address where the VNC listener should be started if
     * <span pulumi-lang-nodejs="`listenType`" pulumi-lang-dotnet="`ListenType`" pulumi-lang-go="`listenType`" pulumi-lang-python="`listen_type`" pulumi-lang-yaml="`listenType`" pulumi-lang-java="`listenType`">`listenType`</span> is set to <span pulumi-lang-nodejs="`address`" pulumi-lang-dotnet="`Address`" pulumi-lang-go="`address`" pulumi-lang-python="`address`" pulumi-lang-yaml="`address`" pulumi-lang-java="`address`">`address`</span>. Defaults to 127.0.0.1
     */
    listenAddress?: string;
    /**
     * "listen type", defaults to "none"
     */
    listenType?: string;
    /**
     * the type of graphics emulation (default is "spice")
     */
    type?: string;
    /**
     * Port to listen on for VNC WebSocket functionality (-1 meaning auto-allocation)
     *
     * On occasion we have found it necessary to set a <span pulumi-lang-nodejs="`type`" pulumi-lang-dotnet="`Type`" pulumi-lang-go="`type`" pulumi-lang-python="`type`" pulumi-lang-yaml="`type`" pulumi-lang-java="`type`">`type`</span> of <span pulumi-lang-nodejs="`vnc`" pulumi-lang-dotnet="`Vnc`" pulumi-lang-go="`vnc`" pulumi-lang-python="`vnc`" pulumi-lang-yaml="`vnc`" pulumi-lang-java="`vnc`">`vnc`</span> and a
     * <span pulumi-lang-nodejs="`listenType`" pulumi-lang-dotnet="`ListenType`" pulumi-lang-go="`listenType`" pulumi-lang-python="`listen_type`" pulumi-lang-yaml="`listenType`" pulumi-lang-java="`listenType`">`listenType`</span> of <span pulumi-lang-nodejs="`address`" pulumi-lang-dotnet="`Address`" pulumi-lang-go="`address`" pulumi-lang-python="`address`" pulumi-lang-yaml="`address`" pulumi-lang-java="`address`">`address`</span> with certain builds of QEMU.
     *
     * With <span pulumi-lang-nodejs="`listenAddress`" pulumi-lang-dotnet="`ListenAddress`" pulumi-lang-go="`listenAddress`" pulumi-lang-python="`listen_address`" pulumi-lang-yaml="`listenAddress`" pulumi-lang-java="`listenAddress`">`listenAddress`</span> it is possible to specify a listener address for the virtual
     * machines VNC server. Usually this is an IP of the host system.
     *
     * The <span pulumi-lang-nodejs="`graphics`" pulumi-lang-dotnet="`Graphics`" pulumi-lang-go="`graphics`" pulumi-lang-python="`graphics`" pulumi-lang-yaml="`graphics`" pulumi-lang-java="`graphics`">`graphics`</span> block will look as follows:
     *
     * ```hcl
     * resource "libvirt_domain" "my_machine" {
     * ...
     * graphics {
     * type        = "vnc"
     * listen_type = "address"
     * }
     * }
     * ```
     *
     * The video card type can be changed from libvirt default <span pulumi-lang-nodejs="`cirrus`" pulumi-lang-dotnet="`Cirrus`" pulumi-lang-go="`cirrus`" pulumi-lang-python="`cirrus`" pulumi-lang-yaml="`cirrus`" pulumi-lang-java="`cirrus`">`cirrus`</span> to
     * <span pulumi-lang-nodejs="`vga`" pulumi-lang-dotnet="`Vga`" pulumi-lang-go="`vga`" pulumi-lang-python="`vga`" pulumi-lang-yaml="`vga`" pulumi-lang-java="`vga`">`vga`</span> or others as described in [Video Card Elements](https://libvirt.org/formatdomain.html#elementsVideo)
     *
     * ```hcl
     * resource "libvirt_domain" "my_machine" {
     * ...
     * video {
     * type = "vga"
     * }
     * }
     * ```
     *
     * > **Note well:** the <span pulumi-lang-nodejs="`graphics`" pulumi-lang-dotnet="`Graphics`" pulumi-lang-go="`graphics`" pulumi-lang-python="`graphics`" pulumi-lang-yaml="`graphics`" pulumi-lang-java="`graphics`">`graphics`</span> block is ignored for the architectures
     * <span pulumi-lang-nodejs="`s390x`" pulumi-lang-dotnet="`S390x`" pulumi-lang-go="`s390x`" pulumi-lang-python="`s390x`" pulumi-lang-yaml="`s390x`" pulumi-lang-java="`s390x`">`s390x`</span> and <span pulumi-lang-nodejs="`ppc64`" pulumi-lang-dotnet="`Ppc64`" pulumi-lang-go="`ppc64`" pulumi-lang-python="`ppc64`" pulumi-lang-yaml="`ppc64`" pulumi-lang-java="`ppc64`">`ppc64`</span>.
     */
    websocket?: number;
}
export interface DomainNetworkInterface {
    /**
     * An IP address for this domain in this network.
     */
    addresses: string[];
    /**
     * Provides a bridge from the VM directly to the LAN. This assumes
     * there is a bridge device on the host which has one or more of the hosts
     * physical NICs enslaved. The guest VM will have an associated _tun_ device
     * created and enslaved to the bridge. The IP range / network configuration is
     * whatever is used on the LAN. This provides the guest VM full incoming &
     * outgoing net access just like a physical machine.
     */
    bridge?: string;
    /**
     * A hostname that will be assigned to this domain
     * resource in this network.
     */
    hostname: string;
    /**
     * The specific MAC address to use for this interface.
     */
    mac: string;
    /**
     * Packets whose destination is on the same host as where they
     * originate from are directly delivered to the target macvtap device. Both
     * origin and destination devices need to be in bridge mode for direct delivery.
     * If either one of them is in vepa mode, a VEPA capable bridge is required.
     */
    macvtap?: string;
    /**
     * The ID of a network resource to attach this
     * interface to. This is a
     * [network resource](https://www.terraform.io/website/docs/r/network.html.markdown) managed by the
     * Terraform libvirt provider.
     */
    networkId: string;
    /**
     * The name of an _existing_ network to attach this
     * interface to. The network will _NOT_ be managed by the Terraform libvirt
     * provider.
     */
    networkName: string;
    /**
     * This feature attaches a virtual function of a SRIOV capable
     * NIC directly to a VM without losing the migration capability. All packets are
     * sent to the VF/IF of the configured network device. Depending on the
     * capabilities of the device additional prerequisites or limitations may apply;
     * for example, on Linux this requires kernel 2.6.38 or newer.
     */
    passthrough?: string;
    /**
     * All packets are sent to the external bridge and will only be delivered to a target VM on the same host if they are sent through an external router or gateway and that device sends them back to the host. This procedure is followed if either the source or destination device is in private mode.
     *
     *
     * Example of a <span pulumi-lang-nodejs="`macvtap`" pulumi-lang-dotnet="`Macvtap`" pulumi-lang-go="`macvtap`" pulumi-lang-python="`macvtap`" pulumi-lang-yaml="`macvtap`" pulumi-lang-java="`macvtap`">`macvtap`</span> interface:
     *
     * ```hcl
     * resource "libvirt_domain" "my-domain" {
     * name = "master"
     * ...
     * network_interface {
     * macvtap = "eth0"
     * }
     * }
     * ```
     *
     * **Warning:** the [Qemu guest agent](http://wiki.libvirt.org/page/Qemu_guest_agent)
     * must be installed and running inside of the domain in order to discover the IP
     * addresses of all the network interfaces attached to a LAN.
     */
    private?: string;
    /**
     * All VMs' packets are sent to the external bridge. Packets whose
     * destination is a VM on the same host as where the packet originates from are
     * sent back to the host by the VEPA capable bridge (today's bridges are
     * typically not VEPA capable).
     */
    vepa?: string;
    /**
     * When creating the domain resource, wait until the
     * network interface gets a DHCP lease from libvirt, so that the computed IP
     * addresses will be available when the domain is up and the plan applied.
     *
     * When connecting to a LAN, users can specify a target device with:
     */
    waitForLease?: boolean;
}
export interface DomainNvram {
    file: string;
    /**
     * path to the file used to override variables from the master NVRAM
     * store.
     *
     * So you should typically use the firmware as this,
     *
     * ```hcl
     * resource "libvirt_domain" "my_machine" {
     * name     = "my_machine"
     * firmware = "/usr/share/qemu/ovmf-x86_64-code.bin"
     * memory   = "2048"
     *
     * disk {
     * volume_id = libvirt_volume.volume.id
     * }
     * ...
     * }
     * ```
     *
     * and `/etc/libvirt/qemu.conf` should contain:
     *
     * ```hcl
     * nvram = [
     * "/usr/share/qemu/ovmf-x86_64-code.bin:/usr/share/qemu/ovmf-x86_64-vars.bin"
     * ]
     * ```
     *
     * In case you need (or want) to specify the path for the NVRAM store, the domain definition should
     * look like this:
     *
     * ```hcl
     * resource "libvirt_domain" "my_machine" {
     * name     = "my_machine"
     * firmware = "/usr/share/qemu/ovmf-x86_64-code.bin"
     * nvram {
     * file = "/usr/local/share/qemu/custom-vars.bin"
     * }
     * memory = "2048"
     *
     * disk {
     * volume_id = libvirt_volume.volume.id
     * }
     * ...
     * }
     *
     * ```
     *
     * Finally, if you want the initial values for the NVRAM to be overridden by custom initial values
     * coming from a template, the domain definition should look like this:
     *
     * ```hcl
     * resource "libvirt_domain" "my_machine" {
     * name     = "my_machine"
     * firmware = "/usr/share/qemu/ovmf-x86_64-code.bin"
     * nvram {
     * file = "/usr/local/share/qemu/custom-vars.bin"
     * template = "/usr/local/share/qemu/template-vars.bin"
     * }
     * memory = "2048"
     *
     * disk {
     * volume_id = libvirt_volume.volume.id
     * }
     * ...
     * }
     * ```
     */
    template: string;
}
export interface DomainTpm {
    /**
     * Path to TPM device on the host, ex: `/dev/tpm0`
     *
     * Additional attributes when <span pulumi-lang-nodejs="`backendType`" pulumi-lang-dotnet="`BackendType`" pulumi-lang-go="`backendType`" pulumi-lang-python="`backend_type`" pulumi-lang-yaml="`backendType`" pulumi-lang-java="`backendType`">`backendType`</span> is "emulator":
     */
    backendDevicePath?: string;
    /**
     * [Secret object](https://libvirt.org/formatsecret.html) for encrypting the TPM state
     */
    backendEncryptionSecret?: string;
    /**
     * Keep the TPM state when a transient domain is powered off or undefined
     */
    backendPersistentState?: boolean;
    /**
     * TPM backend, either <span pulumi-lang-nodejs="`passthrough`" pulumi-lang-dotnet="`Passthrough`" pulumi-lang-go="`passthrough`" pulumi-lang-python="`passthrough`" pulumi-lang-yaml="`passthrough`" pulumi-lang-java="`passthrough`">`passthrough`</span> or <span pulumi-lang-nodejs="`emulator`" pulumi-lang-dotnet="`Emulator`" pulumi-lang-go="`emulator`" pulumi-lang-python="`emulator`" pulumi-lang-yaml="`emulator`" pulumi-lang-java="`emulator`">`emulator`</span> (default: <span pulumi-lang-nodejs="`emulator`" pulumi-lang-dotnet="`Emulator`" pulumi-lang-go="`emulator`" pulumi-lang-python="`emulator`" pulumi-lang-yaml="`emulator`" pulumi-lang-java="`emulator`">`emulator`</span>)
     *
     * Additional attributes when <span pulumi-lang-nodejs="`backendType`" pulumi-lang-dotnet="`BackendType`" pulumi-lang-go="`backendType`" pulumi-lang-python="`backend_type`" pulumi-lang-yaml="`backendType`" pulumi-lang-java="`backendType`">`backendType`</span> is "passthrough":
     */
    backendType?: string;
    /**
     * TPM version
     */
    backendVersion?: string;
    /**
     * TPM model provided to the guest
     */
    model?: string;
}
export interface DomainVideo {
    /**
     * The type of hypervisor to use for the domain.  Defaults to <span pulumi-lang-nodejs="`kvm`" pulumi-lang-dotnet="`Kvm`" pulumi-lang-go="`kvm`" pulumi-lang-python="`kvm`" pulumi-lang-yaml="`kvm`" pulumi-lang-java="`kvm`">`kvm`</span>, other values can be found [here](https://libvirt.org/formatdomain.html#id1)
     */
    type?: string;
}
export interface DomainXml {
    /**
     * specifies a XSLT stylesheet to transform the generated XML definition before creating the domain.
     * This is used to support features the provider does not allow to set from the schema.
     * It is not recommended to alter properties and settings that are exposed to the schema, as terraform will insist in changing them back to the known state.
     *
     * See https://github.com/dmacvicar/terraform-provider-libvirt/blob/main/examples/v0.13/xslt/main.tf and https://github.com/dmacvicar/terraform-provider-libvirt/blob/main/examples/v0.13/xslt/nicmodel.xsl for a working example that changes the NIC model.
     */
    xslt?: string;
}
export interface GetNodeDeviceInfoCapability {
    /**
     * If present, the MAC address of the device
     */
    address?: string;
    /**
     * Block device name
     */
    block: string;
    /**
     * The bus within the host
     */
    bus: string;
    /**
     * Holds key <span pulumi-lang-nodejs="`type`" pulumi-lang-dotnet="`Type`" pulumi-lang-go="`type`" pulumi-lang-python="`type`" pulumi-lang-yaml="`type`" pulumi-lang-java="`type`">`type`</span> that describes the type of network interface: <span pulumi-lang-nodejs="`80203`" pulumi-lang-dotnet="`80203`" pulumi-lang-go="`80203`" pulumi-lang-python="`80203`" pulumi-lang-yaml="`80203`" pulumi-lang-java="`80203`">`80203`</span> for IEEE 802.3 or <span pulumi-lang-nodejs="`80211`" pulumi-lang-dotnet="`80211`" pulumi-lang-go="`80211`" pulumi-lang-python="`80211`" pulumi-lang-yaml="`80211`" pulumi-lang-java="`80211`">`80211`</span> for IEEE 802.11
     */
    capability?: {
        [key: string]: string;
    };
    /**
     * Device class
     */
    class: string;
    description: string;
    /**
     * Which device within the \
     */
    device: string;
    /**
     * Device PCI domain
     */
    domain: string;
    /**
     * Device drive type
     */
    driveType: string;
    /**
     * Type of DRM device: <span pulumi-lang-nodejs="`render`" pulumi-lang-dotnet="`Render`" pulumi-lang-go="`render`" pulumi-lang-python="`render`" pulumi-lang-yaml="`render`" pulumi-lang-java="`render`">`render`</span> or <span pulumi-lang-nodejs="`card`" pulumi-lang-dotnet="`Card`" pulumi-lang-go="`card`" pulumi-lang-python="`card`" pulumi-lang-yaml="`card`" pulumi-lang-java="`card`">`card`</span>
     */
    drmType: string;
    features?: string[];
    firmware?: {
        [key: string]: string;
    };
    /**
     * Device PCI function
     */
    function: string;
    hardware?: {
        [key: string]: string;
    };
    /**
     * The SCSI host containing the device
     */
    host: string;
    /**
     * The interface name tied to this device
     */
    interface?: string;
    /**
     * Structure that holds IOMMU Group <span pulumi-lang-nodejs="`number`" pulumi-lang-dotnet="`Number`" pulumi-lang-go="`number`" pulumi-lang-python="`number`" pulumi-lang-yaml="`number`" pulumi-lang-java="`number`">`number`</span> and the list of devices that are part of the group
     */
    iommuGroup: outputs.GetNodeDeviceInfoCapabilityIommuGroup;
    /**
     * Optional to reflect the status of the link via <span pulumi-lang-nodejs="`speed`" pulumi-lang-dotnet="`Speed`" pulumi-lang-go="`speed`" pulumi-lang-python="`speed`" pulumi-lang-yaml="`speed`" pulumi-lang-java="`speed`">`speed`</span> and <span pulumi-lang-nodejs="`state`" pulumi-lang-dotnet="`State`" pulumi-lang-go="`state`" pulumi-lang-python="`state`" pulumi-lang-yaml="`state`" pulumi-lang-java="`state`">`state`</span> keys
     */
    link?: {
        [key: string]: string;
    };
    /**
     * Device logical block size
     */
    logicalBlockSize: string;
    /**
     * The lun within the target
     */
    lun: string;
    /**
     * Device model
     */
    model: string;
    /**
     * Number of blocks on the device
     */
    numBlocks: string;
    /**
     * Device number
     */
    number: string;
    /**
     * If present, the product <span pulumi-lang-nodejs="`id`" pulumi-lang-dotnet="`Id`" pulumi-lang-go="`id`" pulumi-lang-python="`id`" pulumi-lang-yaml="`id`" pulumi-lang-java="`id`">`id`</span> and <span pulumi-lang-nodejs="`name`" pulumi-lang-dotnet="`Name`" pulumi-lang-go="`name`" pulumi-lang-python="`name`" pulumi-lang-yaml="`name`" pulumi-lang-java="`name`">`name`</span> from the device ROM
     */
    product?: {
        [key: string]: string;
    };
    /**
     * Device protocol
     */
    protocol: string;
    /**
     * The type of SCSI device
     */
    scsiType: string;
    /**
     * Device serial number
     */
    serial: string;
    /**
     * Device size in bytes
     */
    size: string;
    /**
     * Device PCI slot
     */
    slot: string;
    /**
     * Device subclass
     */
    subclass: string;
    /**
     * The target within the bus
     */
    target: string;
    /**
     * Device type: <span pulumi-lang-nodejs="`pci`" pulumi-lang-dotnet="`Pci`" pulumi-lang-go="`pci`" pulumi-lang-python="`pci`" pulumi-lang-yaml="`pci`" pulumi-lang-java="`pci`">`pci`</span>, <span pulumi-lang-nodejs="`storage`" pulumi-lang-dotnet="`Storage`" pulumi-lang-go="`storage`" pulumi-lang-python="`storage`" pulumi-lang-yaml="`storage`" pulumi-lang-java="`storage`">`storage`</span>, <span pulumi-lang-nodejs="`usb`" pulumi-lang-dotnet="`Usb`" pulumi-lang-go="`usb`" pulumi-lang-python="`usb`" pulumi-lang-yaml="`usb`" pulumi-lang-java="`usb`">`usb`</span>
     */
    type: string;
    /**
     * This optionally provides the value from the 'unique_id' file found in the scsi_host's directory
     */
    uniqueId: string;
    /**
     * If present, the vendor <span pulumi-lang-nodejs="`id`" pulumi-lang-dotnet="`Id`" pulumi-lang-go="`id`" pulumi-lang-python="`id`" pulumi-lang-yaml="`id`" pulumi-lang-java="`id`">`id`</span> and <span pulumi-lang-nodejs="`name`" pulumi-lang-dotnet="`Name`" pulumi-lang-go="`name`" pulumi-lang-python="`name`" pulumi-lang-yaml="`name`" pulumi-lang-java="`name`">`name`</span> from the device ROM
     */
    vendor?: {
        [key: string]: string;
    };
}
export interface GetNodeDeviceInfoCapabilityIommuGroup {
    addresses: {
        [key: string]: string;
    }[];
    /**
     * Device number
     */
    number: string;
}
export interface GetNodeDeviceInfoDevnode {
    /**
     * Full path of the device
     */
    path: string;
    /**
     * Device type: <span pulumi-lang-nodejs="`pci`" pulumi-lang-dotnet="`Pci`" pulumi-lang-go="`pci`" pulumi-lang-python="`pci`" pulumi-lang-yaml="`pci`" pulumi-lang-java="`pci`">`pci`</span>, <span pulumi-lang-nodejs="`storage`" pulumi-lang-dotnet="`Storage`" pulumi-lang-go="`storage`" pulumi-lang-python="`storage`" pulumi-lang-yaml="`storage`" pulumi-lang-java="`storage`">`storage`</span>, <span pulumi-lang-nodejs="`usb`" pulumi-lang-dotnet="`Usb`" pulumi-lang-go="`usb`" pulumi-lang-python="`usb`" pulumi-lang-yaml="`usb`" pulumi-lang-java="`usb`">`usb`</span>
     */
    type: string;
}
export interface NetworkDhcp {
    /**
     * when false, disable the DHCP server
     * ```hcl
     * resource "libvirt_network" "test_net" {
     * name      = "networktest"
     * mode      = "nat"
     * domain    = "k8s.local"
     * addresses = ["10.17.3.0/24"]
     * dhcp {
     * enabled = true
     * }
     * ```
     */
    enabled: boolean;
}
export interface NetworkDns {
    /**
     * when false, disable the DHCP server
     * ```hcl
     * resource "libvirt_network" "test_net" {
     * name      = "networktest"
     * mode      = "nat"
     * domain    = "k8s.local"
     * addresses = ["10.17.3.0/24"]
     * dhcp {
     * enabled = true
     * }
     * ```
     */
    enabled?: boolean;
    /**
     * Either <span pulumi-lang-nodejs="`address`" pulumi-lang-dotnet="`Address`" pulumi-lang-go="`address`" pulumi-lang-python="`address`" pulumi-lang-yaml="`address`" pulumi-lang-java="`address`">`address`</span>, <span pulumi-lang-nodejs="`domain`" pulumi-lang-dotnet="`Domain`" pulumi-lang-go="`domain`" pulumi-lang-python="`domain`" pulumi-lang-yaml="`domain`" pulumi-lang-java="`domain`">`domain`</span>, or both must be set
     */
    forwarders?: outputs.NetworkDnsForwarder[];
    /**
     * a DNS host entry block. You can have one or more of these
     * blocks in your DNS definition. You must specify both <span pulumi-lang-nodejs="`ip`" pulumi-lang-dotnet="`Ip`" pulumi-lang-go="`ip`" pulumi-lang-python="`ip`" pulumi-lang-yaml="`ip`" pulumi-lang-java="`ip`">`ip`</span> and <span pulumi-lang-nodejs="`hostname`" pulumi-lang-dotnet="`Hostname`" pulumi-lang-go="`hostname`" pulumi-lang-python="`hostname`" pulumi-lang-yaml="`hostname`" pulumi-lang-java="`hostname`">`hostname`</span>.
     *
     * An advanced example of round-robin DNS (using DNS host templates) follows:
     *
     * ```hcl
     * resource "libvirt_network" "my_network" {
     * ...
     * dns {
     * hosts { flatten(data.libvirt_network_dns_host_template.hosts.*.rendered) }
     * }
     * ...
     * }
     *
     * data "libvirt_network_dns_host_template" "hosts" {
     * count    = var.host_count
     * ip       = var.host_ips[count.index]
     * hostname = "my_host"
     * }
     * ```
     *
     * An advanced example of setting up multiple SRV records using DNS SRV templates is:
     *
     * ```hcl
     * data "libvirt_network_dns_srv_template" "etcd_cluster" {
     * count    = var.etcd_count
     * service  = "etcd-server"
     * protocol = "tcp"
     * domain   = var.discovery_domain
     * target   = "${var.cluster_name}-etcd-${count.index}.${discovery_domain}"
     * }
     *
     * resource "libvirt_network" "k8snet" {
     * ...
     * dns {
     * srvs = [ flatten(data.libvirt_network_dns_srv_template.etcd_cluster.*.rendered) ]
     * }
     * ...
     * }
     * ```
     */
    hosts?: outputs.NetworkDnsHost[];
    /**
     * true/false: true means 'do not forward unresolved requests for this domain to the part DNS server
     */
    localOnly?: boolean;
    /**
     * a DNS SRV entry block. You can have one or more of these blocks
     * in your DNS definition. You must specify <span pulumi-lang-nodejs="`service`" pulumi-lang-dotnet="`Service`" pulumi-lang-go="`service`" pulumi-lang-python="`service`" pulumi-lang-yaml="`service`" pulumi-lang-java="`service`">`service`</span> and <span pulumi-lang-nodejs="`protocol`" pulumi-lang-dotnet="`Protocol`" pulumi-lang-go="`protocol`" pulumi-lang-python="`protocol`" pulumi-lang-yaml="`protocol`" pulumi-lang-java="`protocol`">`protocol`</span>.
     */
    srvs?: outputs.NetworkDnsSrv[];
}
export interface NetworkDnsForwarder {
    address?: string;
    /**
     * The domain used by the DNS server.
     */
    domain?: string;
}
export interface NetworkDnsHost {
    hostname?: string;
    ip?: string;
}
export interface NetworkDnsSrv {
    /**
     * The domain used by the DNS server.
     */
    domain?: string;
    port?: string;
    priority?: string;
    protocol?: string;
    service?: string;
    target?: string;
    weight?: string;
}
export interface NetworkDnsmasqOptions {
    /**
     * a Dnsmasq option entry block. You can have one or more of these
     * blocks in your definition. You must specify <span pulumi-lang-nodejs="`optionName`" pulumi-lang-dotnet="`OptionName`" pulumi-lang-go="`optionName`" pulumi-lang-python="`option_name`" pulumi-lang-yaml="`optionName`" pulumi-lang-java="`optionName`">`optionName`</span> while <span pulumi-lang-nodejs="`optionValue`" pulumi-lang-dotnet="`OptionValue`" pulumi-lang-go="`optionValue`" pulumi-lang-python="`option_value`" pulumi-lang-yaml="`optionValue`" pulumi-lang-java="`optionValue`">`optionValue`</span> is
     * optional to support value-less options.
     *
     * An example of setting Dnsmasq options (using Dnsmasq option templates) follows:
     *
     * ```hcl
     * resource "libvirt_network" "my_network" {
     * ...
     * dnsmasq_options {
     * options { flatten(data.libvirt_network_dnsmasq_options_template.options.*.rendered) }
     * }
     * ...
     * }
     *
     * data "libvirt_network_dnsmasq_options_template" "options" {
     * count = length(var.libvirt_dnsmasq_options)
     * option_name = keys(var.libvirt_dnsmasq_options)[count.index]
     * option_value = values(var.libvirt_dnsmasq_options)[count.index]
     * }
     * ```
     */
    options?: outputs.NetworkDnsmasqOptionsOption[];
}
export interface NetworkDnsmasqOptionsOption {
    optionName?: string;
    optionValue?: string;
}
export interface NetworkRoute {
    cidr: string;
    gateway: string;
}
export interface NetworkXml {
    /**
     * specifies a XSLT stylesheet to transform the generated XML definition before creating the network.
     * This is used to support features the provider does not allow to set from the schema.
     * It is not recommended to alter properties and settings that are exposed to the schema, as terraform will insist in changing them back to the known state.
     *
     * See the domain option with the same name for more information and examples.
     */
    xslt?: string;
}
export interface PoolSource {
    devices?: outputs.PoolSourceDevice[];
    /**
     * A unique name for the resource, required by libvirt.
     */
    name?: string;
}
export interface PoolSourceDevice {
    /**
     * **Deprecated** (Optional) use <span pulumi-lang-nodejs="`path`" pulumi-lang-dotnet="`Path`" pulumi-lang-go="`path`" pulumi-lang-python="`path`" pulumi-lang-yaml="`path`" pulumi-lang-java="`path`">`path`</span> in the <span pulumi-lang-nodejs="`target`" pulumi-lang-dotnet="`Target`" pulumi-lang-go="`target`" pulumi-lang-python="`target`" pulumi-lang-yaml="`target`" pulumi-lang-java="`target`">`target`</span> block.
     */
    path?: string;
}
export interface PoolTarget {
    /**
     * **Deprecated** (Optional) use <span pulumi-lang-nodejs="`path`" pulumi-lang-dotnet="`Path`" pulumi-lang-go="`path`" pulumi-lang-python="`path`" pulumi-lang-yaml="`path`" pulumi-lang-java="`path`">`path`</span> in the <span pulumi-lang-nodejs="`target`" pulumi-lang-dotnet="`Target`" pulumi-lang-go="`target`" pulumi-lang-python="`target`" pulumi-lang-yaml="`target`" pulumi-lang-java="`target`">`target`</span> block.
     */
    path: string;
}
export interface PoolXml {
    /**
     * specifies a XSLT stylesheet to transform the generated XML definition before creating the pool. This is used
     * to support features the provider does not allow to set from the schema. It is not recommended to alter properties and
     * settings that are exposed to the schema, as terraform will insist in changing them back to the known state.
     *
     * See the domain option with the same name for more information and examples.
     */
    xslt?: string;
}
export interface VolumeXml {
    /**
     * specifies a XSLT stylesheet to transform the generated XML definition before creating the volume.
     * This is used to support features the provider does not allow to set from the schema.
     * It is not recommended to alter properties and settings that are exposed to the schema, as terraform will insist in changing them back to the known state.
     *
     * See the domain option with the same name for more information and examples.
     */
    xslt?: string;
}
