import { LabError } from "../../../model/labError";
import { engineMessage, errorParagraph } from "../../../labs/lib/labError";

describe("errors as the lab prints them", () => {
  it("takes the engine's first informative error line, once, in one line", () => {
    const output = [
      "Updating (libvirt):",
      "  libvirt:index:Domain apps-db creating (0s) error: error creating libvirt domain: Failed to create file '/var/lib/libvirt/dnsmasq/vmcl-libvirt-br.macs.new': No such file or directory",
      "Diagnostics:",
      "  libvirt:index:Domain (apps-db):",
      "    error: error creating libvirt domain: Failed to create file",
      "    '/var/lib/libvirt/dnsmasq/vmcl-libvirt-br.macs.new': No such file or directory",
      "  pulumi:pulumi:Stack (vm-container-lab-libvirt):",
      "    error: update failed",
    ].join("\n");
    expect(engineMessage(output)).toBe("error creating libvirt domain: Failed to create file '/var/lib/libvirt/dnsmasq/vmcl-libvirt-br.macs.new': No such file or directory");
    expect(engineMessage("error: update failed\n")).toBeUndefined();
  });

  it("drops the bridged provider's source location and name around its message", () => {
    const output = [
      "Diagnostics:",
      "  pulumi:pulumi:Stack (vm-container-lab-libvirt):",
      "    error: update failed",
      "",
      "  libvirt:index:Domain (apps-db):",
      "    error:   sdk-v2/provider2.go:572: sdk.helper_schema: error creating libvirt domain: Failed to create file '/var/lib/libvirt/dnsmasq/vmcl-libvirt-br.macs.new': No such file or directory: provider=libvirt@0.8.3",
      "    error: 1 error occurred:",
      "    \t* error creating libvirt domain: Failed to create file '/var/lib/libvirt/dnsmasq/vmcl-libvirt-br.macs.new': No such file or directory",
    ].join("\n");
    expect(engineMessage(output)).toBe("error creating libvirt domain: Failed to create file '/var/lib/libvirt/dnsmasq/vmcl-libvirt-br.macs.new': No such file or directory");
  });

  it("prints a LabError as its problem and fix, anything else as its first line", () => {
    expect(errorParagraph(new LabError("Stack docker is busy (pid 7).", "wait."))).toBe("Stack docker is busy (pid 7).\nFix: wait.");
    const unexpected = errorParagraph(new Error("boom\n    at somewhere (file.ts:1:1)"));
    expect(unexpected.split("\n")[0]).toBe("boom");
    expect(unexpected).not.toContain("somewhere");
  });
});
