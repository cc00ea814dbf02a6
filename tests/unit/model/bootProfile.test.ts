import { kernelCmdlineFor } from "../../../model/bootProfile";

const imageCmdline = "root=/dev/vda rootfstype=ext4 rw console=ttyS0 net.ifnames=0 systemd.show_status=1";

describe("the kernel command line of each boot profile", () => {
  it("typical: the image's, with systemd logging to the kernel log so its boot figures reach the console", () => {
    expect(kernelCmdlineFor("typical", imageCmdline)).toBe(`${imageCmdline} systemd.log_target=kmsg`);
  });

  it("tuned: the same root and console, no systemd settings, a quiet kernel and lab-init as init", () => {
    expect(kernelCmdlineFor("tuned", imageCmdline)).toBe("root=/dev/vda rootfstype=ext4 rw console=ttyS0 net.ifnames=0 quiet i8042.noaux i8042.nomux i8042.nopnp i8042.dumbkbd no_timer_check tsc=reliable init=/usr/local/sbin/lab-init");
    expect(kernelCmdlineFor("tuned", `${imageCmdline} quiet init=/sbin/init`)).toBe("root=/dev/vda rootfstype=ext4 rw console=ttyS0 net.ifnames=0 quiet i8042.noaux i8042.nomux i8042.nopnp i8042.dumbkbd no_timer_check tsc=reliable init=/usr/local/sbin/lab-init");
  });
});
