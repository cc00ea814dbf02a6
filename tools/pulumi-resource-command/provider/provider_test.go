package provider

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// fakeEngine records the log messages the provider sends to the engine.
type fakeEngine struct {
	pulumirpc.UnimplementedEngineServer
	mu   sync.Mutex
	logs []*pulumirpc.LogRequest
}

func (e *fakeEngine) Log(_ context.Context, req *pulumirpc.LogRequest) (*emptypb.Empty, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.logs = append(e.logs, req)
	return &emptypb.Empty{}, nil
}

func (e *fakeEngine) take() []*pulumirpc.LogRequest {
	e.mu.Lock()
	defer e.mu.Unlock()
	logs := e.logs
	e.logs = nil
	return logs
}

func serve(t *testing.T, register func(*grpc.Server)) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer()
	register(srv)
	go func() { _ = srv.Serve(listener) }()
	t.Cleanup(srv.Stop)
	return listener.Addr().String()
}

// harness is the provider behind a real gRPC server on 127.0.0.1, attached to a fake engine.
type harness struct {
	client pulumirpc.ResourceProviderClient
	engine *fakeEngine
}

func start(t *testing.T) harness {
	t.Helper()
	engine := &fakeEngine{}
	engineAddr := serve(t, func(s *grpc.Server) { pulumirpc.RegisterEngineServer(s, engine) })
	addr := serve(t, func(s *grpc.Server) { pulumirpc.RegisterResourceProviderServer(s, New(nil)) })
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	client := pulumirpc.NewResourceProviderClient(conn)
	if _, err := client.Handshake(ctx(t), &pulumirpc.ProviderHandshakeRequest{EngineAddress: engineAddr}); err != nil {
		t.Fatal(err)
	}
	return harness{client: client, engine: engine}
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

func urnOf(token, name string) string {
	return string(resource.NewURN("test", "proj", "", tokens.Type(token), name))
}

var commandURN = urnOf(CommandToken, "cmd")

func toStruct(t *testing.T, m resource.PropertyMap) *structpb.Struct {
	t.Helper()
	s, err := plugin.MarshalProperties(m, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func fromStruct(t *testing.T, s *structpb.Struct) resource.PropertyMap {
	t.Helper()
	m, err := plugin.UnmarshalProperties(s, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func str(s string) resource.PropertyValue { return resource.NewStringProperty(s) }

func strs(items ...string) resource.PropertyValue {
	values := make([]resource.PropertyValue, len(items))
	for i, s := range items {
		values[i] = str(s)
	}
	return resource.NewArrayProperty(values)
}

func env(pairs map[string]resource.PropertyValue) resource.PropertyValue {
	m := resource.PropertyMap{}
	for k, v := range pairs {
		m[resource.PropertyKey(k)] = v
	}
	return resource.NewObjectProperty(m)
}

var unknown = resource.MakeComputed(resource.NewStringProperty(""))

func wantString(t *testing.T, props resource.PropertyMap, key, want string) {
	t.Helper()
	v, ok := props[resource.PropertyKey(key)]
	if !ok {
		t.Fatalf("%s missing in %v", key, props)
	}
	if v.IsSecret() {
		t.Fatalf("%s is secret, want plain %q", key, want)
	}
	if !v.IsString() || v.StringValue() != want {
		t.Fatalf("%s = %v, want %q", key, v, want)
	}
}

func wantSecretString(t *testing.T, props resource.PropertyMap, key, want string) {
	t.Helper()
	v := props[resource.PropertyKey(key)]
	if !v.IsSecret() {
		t.Fatalf("%s = %v, want a secret", key, v)
	}
	if inner := v.SecretValue().Element; !inner.IsString() || inner.StringValue() != want {
		t.Fatalf("secret %s = %v, want %q", key, inner, want)
	}
}

func wantErrorContaining(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", parts)
	}
	msg := status.Convert(err).Message()
	for _, part := range parts {
		if !strings.Contains(msg, part) {
			t.Fatalf("error %q does not contain %q", msg, part)
		}
	}
}

func (h harness) create(t *testing.T, props resource.PropertyMap, preview bool) (*pulumirpc.CreateResponse, error) {
	t.Helper()
	return h.client.Create(ctx(t), &pulumirpc.CreateRequest{Urn: commandURN, Properties: toStruct(t, props), Preview: preview})
}

func (h harness) mustCreate(t *testing.T, props resource.PropertyMap) resource.PropertyMap {
	t.Helper()
	resp, err := h.create(t, props, false)
	if err != nil {
		t.Fatal(err)
	}
	return fromStruct(t, resp.GetProperties())
}

func (h harness) update(t *testing.T, olds, news resource.PropertyMap, preview bool) (resource.PropertyMap, error) {
	t.Helper()
	resp, err := h.client.Update(ctx(t), &pulumirpc.UpdateRequest{
		Id: "cmd1234", Urn: commandURN, Olds: toStruct(t, olds), News: toStruct(t, news), OldInputs: toStruct(t, inputsOnly(olds)), Preview: preview,
	})
	if err != nil {
		return nil, err
	}
	return fromStruct(t, resp.GetProperties()), nil
}

func (h harness) diff(t *testing.T, olds, news resource.PropertyMap, ignore ...string) *pulumirpc.DiffResponse {
	t.Helper()
	resp, err := h.client.Diff(ctx(t), &pulumirpc.DiffRequest{
		Id: "cmd1234", Urn: commandURN, Olds: toStruct(t, olds), News: toStruct(t, news), OldInputs: toStruct(t, inputsOnly(olds)), IgnoreChanges: ignore,
	})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestHandshakeAndConfigureAcceptSecretsAndResources(t *testing.T) {
	h := start(t)
	hs, err := h.client.Handshake(ctx(t), &pulumirpc.ProviderHandshakeRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if !hs.GetAcceptSecrets() || !hs.GetAcceptResources() || hs.GetAcceptOutputs() {
		t.Fatalf("handshake = %v, want secrets and resources accepted, output values not", hs)
	}
	conf, err := h.client.Configure(ctx(t), &pulumirpc.ConfigureRequest{AcceptSecrets: true, AcceptResources: true})
	if err != nil {
		t.Fatal(err)
	}
	if !conf.GetAcceptSecrets() || !conf.GetAcceptResources() || !conf.GetSupportsPreview() || conf.GetAcceptOutputs() {
		t.Fatalf("configure = %v", conf)
	}
}

func TestPluginInfoAndSchema(t *testing.T) {
	h := start(t)
	info, err := h.client.GetPluginInfo(ctx(t), &emptypb.Empty{})
	if err != nil || info.GetVersion() != "1.2.1" {
		t.Fatalf("plugin info %v, %v; want version 1.2.1", info, err)
	}
	resp, err := h.client.GetSchema(ctx(t), &pulumirpc.GetSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Name      string                         `json:"name"`
		Version   string                         `json:"version"`
		Resources map[string]json.RawMessage     `json:"resources"`
		Functions map[string]json.RawMessage     `json:"functions"`
		Types     map[string]map[string]any      `json:"types"`
		Provider  map[string]any                 `json:"provider"`
		Config    map[string]map[string]struct{} `json:"config"`
	}
	if err := json.Unmarshal([]byte(resp.GetSchema()), &spec); err != nil {
		t.Fatal(err)
	}
	if spec.Name != "command" || spec.Version != "1.2.1" {
		t.Fatalf("schema name/version = %q/%q", spec.Name, spec.Version)
	}
	if _, ok := spec.Resources[CommandToken]; !ok {
		t.Fatalf("schema has no %s", CommandToken)
	}
	if _, ok := spec.Functions[RunToken]; !ok {
		t.Fatalf("schema has no %s", RunToken)
	}
	var command struct {
		InputProperties map[string]struct {
			ReplaceOnChanges bool `json:"replaceOnChanges"`
		} `json:"inputProperties"`
		Properties map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(spec.Resources[CommandToken], &command); err != nil {
		t.Fatal(err)
	}
	for name := range commandInputs {
		if _, ok := command.InputProperties[name]; !ok {
			t.Errorf("schema lacks input %s", name)
		}
		if _, ok := command.Properties[name]; !ok {
			t.Errorf("schema lacks output %s", name)
		}
	}
	for _, name := range []string{propStdout, propStderr, propAssets, propArchive} {
		if _, ok := command.Properties[name]; !ok {
			t.Errorf("schema lacks output %s", name)
		}
	}
	if !command.InputProperties[propTriggers].ReplaceOnChanges {
		t.Error("triggers is not replaceOnChanges in the schema")
	}
}

func TestCheckReturnsInputsUnchangedAndReportsWrongKinds(t *testing.T) {
	h := start(t)
	news := resource.PropertyMap{
		"create":      str("echo hi"),
		"environment": env(map[string]resource.PropertyValue{"TOKEN": resource.MakeSecret(str("s3cret"))}),
		"dir":         unknown,
		"triggers":    resource.NewArrayProperty([]resource.PropertyValue{resource.NewNumberProperty(1), str("x")}),
	}
	resp, err := h.client.Check(ctx(t), &pulumirpc.CheckRequest{Urn: commandURN, News: toStruct(t, news)})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.GetFailures()) != 0 {
		t.Fatalf("failures %v", resp.GetFailures())
	}
	if got := fromStruct(t, resp.GetInputs()); !got.DeepEquals(news) || !got["environment"].ContainsSecrets() || !got["dir"].IsComputed() {
		t.Fatalf("check inputs = %v, want %v", got, news)
	}

	bad := resource.PropertyMap{
		"create":      resource.NewNumberProperty(3),
		"logging":     str("loud"),
		"environment": env(map[string]resource.PropertyValue{"N": resource.NewNumberProperty(1)}),
		"interpreter": str("/bin/bash"),
	}
	resp, err = h.client.Check(ctx(t), &pulumirpc.CheckRequest{Urn: commandURN, News: toStruct(t, bad)})
	if err != nil {
		t.Fatal(err)
	}
	var props []string
	for _, f := range resp.GetFailures() {
		props = append(props, f.GetProperty())
	}
	if strings.Join(props, ",") != "create,environment,interpreter,logging" {
		t.Fatalf("failures on %v (%v)", props, resp.GetFailures())
	}
}

func TestCreatePreviewRunsNothingAndReportsUnknownOutput(t *testing.T) {
	h := start(t)
	marker := filepath.Join(t.TempDir(), "marker")
	props := resource.PropertyMap{"create": str("touch " + marker + "; echo hi"), "environment": unknown, "assetPaths": strs("*.txt")}
	resp, err := h.create(t, props, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(marker); !os.IsNotExist(err) {
		t.Fatal("a preview ran the create command")
	}
	if resp.GetId() != "" {
		t.Fatalf("preview id %q", resp.GetId())
	}
	outs := fromStruct(t, resp.GetProperties())
	for _, key := range []resource.PropertyKey{"stdout", "stderr", "assets", "environment"} {
		if !outs[key].IsComputed() {
			t.Errorf("preview %s = %v, want unknown", key, outs[key])
		}
	}
	wantString(t, outs, "create", "touch "+marker+"; echo hi")
}

func TestCreateRunsTheCommandAndTrimsOneTrailingNewline(t *testing.T) {
	h := start(t)
	dir := t.TempDir()
	props := resource.PropertyMap{
		"create":      str(`printf '%s\n\n' "$GREETING $(basename "$PWD")"; cat; echo warn >&2`),
		"dir":         str(dir),
		"environment": env(map[string]resource.PropertyValue{"GREETING": str("hello")}),
		"stdin":       str("from-stdin\n"),
		"interpreter": strs("/bin/bash", "-c"),
	}
	resp, err := h.create(t, props, false)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(resp.GetId(), "cmd") || len(resp.GetId()) != len("cmd")+8 {
		t.Fatalf("id %q, want cmd + 8 hex digits", resp.GetId())
	}
	outs := fromStruct(t, resp.GetProperties())
	wantString(t, outs, "stdout", "hello "+filepath.Base(dir)+"\n\nfrom-stdin")
	wantString(t, outs, "stderr", "warn")
	for key, v := range props {
		if !outs[key].DeepEquals(v) {
			t.Errorf("output %s = %v, want the input %v", key, outs[key], v)
		}
	}
	if _, ok := outs["assets"]; ok {
		t.Error("assets output without assetPaths")
	}
}

func TestOnlyOneTrailingNewlineIsTrimmed(t *testing.T) {
	h := start(t)
	for script, want := range map[string][2]string{
		`printf 'a\n\n'; printf 'b\n\n' >&2`: {"a\n", "b\n"},
		`printf 'a'; printf ' b ' >&2`:       {"a", " b "},
		`printf '\n'`:                        {"", ""},
	} {
		outs := h.mustCreate(t, resource.PropertyMap{"create": str(script)})
		wantString(t, outs, "stdout", want[0])
		wantString(t, outs, "stderr", want[1])
	}
}

func TestCreateWithoutCreateCommandHasEmptyOutput(t *testing.T) {
	h := start(t)
	outs := h.mustCreate(t, resource.PropertyMap{"delete": str("true")})
	wantString(t, outs, "stdout", "")
	wantString(t, outs, "stderr", "")
}

func TestFailingCommandIsAnErrorWithItsStderrAndExitStatus(t *testing.T) {
	h := start(t)
	_, err := h.create(t, resource.PropertyMap{"create": str("echo partial; echo 'no such thing' >&2; exit 3")}, false)
	wantErrorContaining(t, err, "exit status 3", "no such thing", "partial", `running "echo partial;`)

	_, err = h.create(t, resource.PropertyMap{"create": resource.MakeSecret(str("echo $PASSWORD_X >&2; exit 1"))}, false)
	wantErrorContaining(t, err, "exit status 1", `running "[secret]"`)

	_, err = h.create(t, resource.PropertyMap{"create": str("true"), "dir": str("/nonexistent/dir")}, false)
	wantErrorContaining(t, err, "/nonexistent/dir")
}

func TestSecretInputMakesTheOutputSecret(t *testing.T) {
	h := start(t)
	props := resource.PropertyMap{
		"create":      str("echo token=$TOKEN; echo note >&2"),
		"environment": env(map[string]resource.PropertyValue{"TOKEN": resource.MakeSecret(str("s3cret"))}),
	}
	outs := h.mustCreate(t, props)
	wantSecretString(t, outs, "stdout", "token=s3cret")
	wantSecretString(t, outs, "stderr", "note")
	wantString(t, outs, "create", "echo token=$TOKEN; echo note >&2")
	if !outs["environment"].ContainsSecrets() || !outs["environment"].DeepEquals(props["environment"]) {
		t.Fatalf("environment = %v, want the secret input back", outs["environment"])
	}

	// A secret whole-property input too; and no secret in, no secret out.
	outs = h.mustCreate(t, resource.PropertyMap{"create": resource.MakeSecret(str("echo hidden"))})
	wantSecretString(t, outs, "stdout", "hidden")
	outs = h.mustCreate(t, resource.PropertyMap{"create": str("echo plain")})
	wantString(t, outs, "stdout", "plain")

	// Previews keep the secrecy on the unknown output.
	resp, err := h.create(t, props, true)
	if err != nil {
		t.Fatal(err)
	}
	if preview := fromStruct(t, resp.GetProperties()); !preview["stdout"].ContainsSecrets() || !preview["stdout"].ContainsUnknowns() {
		t.Fatalf("preview stdout = %v, want a secret unknown", preview["stdout"])
	}
}

func TestUpdateRunsUpdateWithThePreviousOutput(t *testing.T) {
	h := start(t)
	olds := h.mustCreate(t, resource.PropertyMap{"create": str("echo first; echo err1 >&2"), "update": str("echo unused")})

	news := resource.PropertyMap{"create": str("echo first; echo err1 >&2"), "update": str(`echo "was:$PULUMI_COMMAND_STDOUT/$PULUMI_COMMAND_STDERR"`)}
	outs, err := h.update(t, olds, news, false)
	if err != nil {
		t.Fatal(err)
	}
	wantString(t, outs, "stdout", "was:first/err1")
	wantString(t, outs, "update", `echo "was:$PULUMI_COMMAND_STDOUT/$PULUMI_COMMAND_STDERR"`)

	// Without an update command, create runs again; addPreviousOutputInEnv=false hides the previous output.
	news = resource.PropertyMap{"create": str(`echo "again:${PULUMI_COMMAND_STDOUT-unset}"`)}
	outs, err = h.update(t, olds, news, false)
	if err != nil {
		t.Fatal(err)
	}
	wantString(t, outs, "stdout", "again:first")
	news["addPreviousOutputInEnv"] = resource.NewBoolProperty(false)
	outs, err = h.update(t, olds, news, false)
	if err != nil {
		t.Fatal(err)
	}
	wantString(t, outs, "stdout", "again:unset")

	// Neither command: the previous output stays.
	outs, err = h.update(t, olds, resource.PropertyMap{"delete": str("true")}, false)
	if err != nil {
		t.Fatal(err)
	}
	wantString(t, outs, "stdout", "first")

	// A failing update is an error with its stderr.
	_, err = h.update(t, olds, resource.PropertyMap{"update": str("echo update-broke >&2; exit 4")}, false)
	wantErrorContaining(t, err, "exit status 4", "update-broke")
}

func TestUpdatePreviewRunsNothing(t *testing.T) {
	h := start(t)
	marker := filepath.Join(t.TempDir(), "marker")
	olds := h.mustCreate(t, resource.PropertyMap{"create": str("echo first")})
	outs, err := h.update(t, olds, resource.PropertyMap{"create": str("echo first"), "update": str("touch " + marker)}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(marker); !os.IsNotExist(err) {
		t.Fatal("a preview ran the update command")
	}
	if !outs["stdout"].IsComputed() || !outs["stderr"].IsComputed() {
		t.Fatalf("preview outputs %v, want unknown stdout/stderr", outs)
	}
}

func TestDeleteRunsDeleteWithTheStateAndPreviousOutput(t *testing.T) {
	h := start(t)
	dir := t.TempDir()
	state := h.mustCreate(t, resource.PropertyMap{
		"create":      str("echo created"),
		"delete":      str(`echo "$PULUMI_COMMAND_STDOUT $NAME" > deleted.txt`),
		"dir":         str(dir),
		"environment": env(map[string]resource.PropertyValue{"NAME": resource.MakeSecret(str("gone"))}),
	})
	if _, err := h.client.Delete(ctx(t), &pulumirpc.DeleteRequest{Id: "cmd1234", Urn: commandURN, Properties: toStruct(t, state)}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "deleted.txt"))
	if err != nil || string(got) != "created gone\n" {
		t.Fatalf("delete wrote %q, %v", got, err)
	}

	// No delete command: nothing to do. A failing one is an error.
	if _, err := h.client.Delete(ctx(t), &pulumirpc.DeleteRequest{Id: "x", Urn: commandURN, Properties: toStruct(t, resource.PropertyMap{"create": str("true")})}); err != nil {
		t.Fatal(err)
	}
	_, err = h.client.Delete(ctx(t), &pulumirpc.DeleteRequest{Id: "x", Urn: commandURN, Properties: toStruct(t, resource.PropertyMap{"delete": str("echo cannot >&2; false")})})
	wantErrorContaining(t, err, "exit status 1", "cannot")
}

func TestDiff(t *testing.T) {
	h := start(t)
	base := resource.PropertyMap{
		"create":      str("echo a"),
		"environment": env(map[string]resource.PropertyValue{"K": resource.MakeSecret(str("v"))}),
		"triggers":    strs("one"),
	}
	olds := withOutputs(base, resource.PropertyMap{"stdout": str("a"), "stderr": str("")})

	if d := h.diff(t, olds, base.Copy()); d.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE || len(d.GetDiffs()) != 0 {
		t.Fatalf("same inputs: %v", d)
	}

	changed := base.Copy()
	changed["create"] = str("echo b")
	d := h.diff(t, olds, changed)
	if d.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || len(d.GetReplaces()) != 0 || strings.Join(d.GetDiffs(), ",") != "create" {
		t.Fatalf("create changed: %v", d)
	}
	if d.GetDetailedDiff()["create"].GetKind() != pulumirpc.PropertyDiff_UPDATE {
		t.Fatalf("create changed: detailed %v", d.GetDetailedDiff())
	}

	for name, triggers := range map[string]resource.PropertyValue{
		"element changed": strs("two"),
		"element added":   strs("one", "two"),
		"removed":         resource.NewNullProperty(),
	} {
		news := base.Copy()
		news["triggers"] = triggers
		if triggers.IsNull() {
			delete(news, "triggers")
		}
		d := h.diff(t, olds, news)
		if d.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || strings.Join(d.GetReplaces(), ",") != "triggers" || d.GetDeleteBeforeReplace() {
			t.Fatalf("triggers %s: %v", name, d)
		}
		for path, pd := range d.GetDetailedDiff() {
			if k := pd.GetKind(); k != pulumirpc.PropertyDiff_UPDATE_REPLACE && k != pulumirpc.PropertyDiff_ADD_REPLACE && k != pulumirpc.PropertyDiff_DELETE_REPLACE {
				t.Fatalf("triggers %s: %s is %v", name, path, k)
			}
		}
	}

	secretChanged := base.Copy()
	secretChanged["environment"] = env(map[string]resource.PropertyValue{"K": resource.MakeSecret(str("w"))})
	if d := h.diff(t, olds, secretChanged); strings.Join(d.GetDiffs(), ",") != "environment" || len(d.GetReplaces()) != 0 {
		t.Fatalf("secret changed: %v", d)
	}

	unknownCreate := base.Copy()
	unknownCreate["create"] = unknown
	if d := h.diff(t, olds, unknownCreate); d.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || len(d.GetReplaces()) != 0 {
		t.Fatalf("unknown create: %v", d)
	}

	if d := h.diff(t, olds, changed, "create"); d.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
		t.Fatalf("ignoreChanges create: %v", d)
	}

	// Old engines send no old inputs: the inputs are taken from the state.
	resp, err := h.client.Diff(ctx(t), &pulumirpc.DiffRequest{Id: "x", Urn: commandURN, Olds: toStruct(t, olds), News: toStruct(t, base)})
	if err != nil || resp.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
		t.Fatalf("without old inputs: %v, %v", resp, err)
	}
}

func TestInvokeRun(t *testing.T) {
	h := start(t)
	args := resource.PropertyMap{"command": str("echo ran-$X; echo e >&2"), "environment": env(map[string]resource.PropertyValue{"X": str("1")})}
	resp, err := h.client.Invoke(ctx(t), &pulumirpc.InvokeRequest{Tok: RunToken, Args: toStruct(t, args)})
	if err != nil {
		t.Fatal(err)
	}
	ret := fromStruct(t, resp.GetReturn())
	wantString(t, ret, "command", "echo ran-$X; echo e >&2")
	wantString(t, ret, "stdout", "ran-1")
	wantString(t, ret, "stderr", "e")

	resp, err = h.client.Invoke(ctx(t), &pulumirpc.InvokeRequest{Tok: RunToken, Args: toStruct(t, resource.PropertyMap{"dir": str("/")})})
	if err != nil || len(resp.GetFailures()) != 1 || resp.GetFailures()[0].GetProperty() != "command" {
		t.Fatalf("missing command: %v, %v", resp, err)
	}

	_, err = h.client.Invoke(ctx(t), &pulumirpc.InvokeRequest{Tok: RunToken, Args: toStruct(t, resource.PropertyMap{"command": str("echo bad >&2; exit 9")})})
	wantErrorContaining(t, err, "exit status 9", "bad")

	resp, err = h.client.Invoke(ctx(t), &pulumirpc.InvokeRequest{Tok: RunToken, Args: toStruct(t, resource.PropertyMap{
		"command": str("echo $T"), "environment": env(map[string]resource.PropertyValue{"T": resource.MakeSecret(str("tok"))}),
	})})
	if err != nil {
		t.Fatal(err)
	}
	wantSecretString(t, fromStruct(t, resp.GetReturn()), "stdout", "tok")
}

func TestRemoteTokensAreNotBuiltIn(t *testing.T) {
	h := start(t)
	const want = "not built into this plugin (vm-container-lab builds only command:local)"
	props := toStruct(t, resource.PropertyMap{"create": str("true")})
	for _, token := range []string{"command:remote:Command", "command:remote:CopyToRemote", "command:remote:CopyFile"} {
		urn := urnOf(token, "r")
		_, err := h.client.Check(ctx(t), &pulumirpc.CheckRequest{Urn: urn, News: props})
		wantErrorContaining(t, err, token, want)
		_, err = h.client.Create(ctx(t), &pulumirpc.CreateRequest{Urn: urn, Properties: props})
		wantErrorContaining(t, err, token, want)
		_, err = h.client.Diff(ctx(t), &pulumirpc.DiffRequest{Urn: urn, Olds: props, News: props})
		wantErrorContaining(t, err, token, want)
		_, err = h.client.Delete(ctx(t), &pulumirpc.DeleteRequest{Urn: urn, Properties: props})
		wantErrorContaining(t, err, token, want)
	}
	_, err := h.client.Invoke(ctx(t), &pulumirpc.InvokeRequest{Tok: "command:remote:run", Args: props})
	wantErrorContaining(t, err, "command:remote:run", want)
	_, err = h.client.Check(ctx(t), &pulumirpc.CheckRequest{Urn: urnOf("command:local:Other", "o"), News: props})
	wantErrorContaining(t, err, "unknown token")
}

func TestLoggingGoesToTheEngineLog(t *testing.T) {
	h := start(t)
	script := str("echo to-out; echo to-err >&2")
	messages := func(logging string) []string {
		props := resource.PropertyMap{"create": script}
		if logging != "" {
			props["logging"] = str(logging)
		}
		h.mustCreate(t, props)
		var got []string
		for _, l := range h.engine.take() {
			if l.GetUrn() != commandURN || !l.GetEphemeral() || l.GetSeverity() != pulumirpc.LogSeverity_INFO {
				t.Fatalf("log %v", l)
			}
			got = append(got, l.GetMessage())
		}
		sort.Strings(got)
		return got
	}
	for logging, want := range map[string]string{
		"":                "to-err,to-out",
		"stdoutAndStderr": "to-err,to-out",
		"stdout":          "to-out",
		"stderr":          "to-err",
		"none":            "",
	} {
		if got := strings.Join(messages(logging), ","); got != want {
			t.Errorf("logging %q: logged %q, want %q", logging, got, want)
		}
	}
}

func TestAssetsAndArchive(t *testing.T) {
	h := start(t)
	dir := t.TempDir()
	outs := h.mustCreate(t, resource.PropertyMap{
		"create":       str("mkdir -p out/sub && echo a > out/a.txt && echo b > out/sub/b.txt && echo s > out/secret.txt && echo j > out/x.json"),
		"dir":          str(dir),
		"assetPaths":   strs("out/*.txt", "!**secret.*"),
		"archivePaths": strs("out/**"),
	})
	assets := outs["assets"]
	if !assets.IsObject() {
		t.Fatalf("assets = %v", assets)
	}
	var names []string
	for name, v := range assets.ObjectValue() {
		if !v.IsAsset() || v.AssetValue().Path != filepath.Join(dir, string(name)) {
			t.Fatalf("asset %s = %v", name, v)
		}
		names = append(names, string(name))
	}
	sort.Strings(names)
	if strings.Join(names, ",") != "out/a.txt" {
		t.Fatalf("assets %v", names)
	}
	archive := outs["archive"]
	if !archive.IsArchive() {
		t.Fatalf("archive = %v", archive)
	}
	var members []string
	for name := range archive.ArchiveValue().Assets {
		members = append(members, name)
	}
	sort.Strings(members)
	if strings.Join(members, ",") != "out/a.txt,out/secret.txt,out/sub/b.txt,out/x.json" {
		t.Fatalf("archive members %v", members)
	}
}

func TestReadReturnsTheState(t *testing.T) {
	h := start(t)
	state := h.mustCreate(t, resource.PropertyMap{"create": str("echo r")})
	resp, err := h.client.Read(ctx(t), &pulumirpc.ReadRequest{Id: "cmd1", Urn: commandURN, Properties: toStruct(t, state)})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetId() != "cmd1" || !fromStruct(t, resp.GetProperties()).DeepEquals(state) || !fromStruct(t, resp.GetInputs()).DeepEquals(inputsOnly(state)) {
		t.Fatalf("read = %v", resp)
	}
}
