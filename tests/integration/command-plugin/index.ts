import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
/** A temporary folder of the test: the commands write their events to events.log there. */
const dir = config.require("dir");
/** Changing it changes `create`: an update, which runs `update`. */
const stage = config.require("stage");
/** Changing it replaces `main`. */
const trigger = config.require("trigger");

const main = new command.local.Command("main", {
  dir,
  create: `echo "create ${stage}" >> events.log; echo "out-${stage}"`,
  update: `echo "update ${stage} previous=$PULUMI_COMMAND_STDOUT" >> events.log; echo "out-${stage}"`,
  delete: `echo "delete previous=$PULUMI_COMMAND_STDOUT" >> events.log`,
  triggers: [trigger],
});

const secret = new command.local.Command("secret", {
  create: 'echo "token=$TOKEN"',
  environment: { TOKEN: config.requireSecret("token") },
});

if (config.getBoolean("fail")) {
  new command.local.Command("broken", { dir, create: 'echo "this went wrong" >&2; exit 7' });
}

export const mainStdout = main.stdout;
export const mainStderr = main.stderr;
export const secretStdout = secret.stdout;
