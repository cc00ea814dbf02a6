// Package provider is the lab's own Pulumi resource provider "command": command:local:Command and command:local:run
// with the wire contract of the npm package @pulumi/command (the upstream provider's Go module is not served by the
// module proxy here). It implements pulumirpc.ResourceProviderServer directly, so secrets, unknowns and diffs are
// exactly what the functions below say.
package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// Name is the package name: plugins are looked up as resource-command-v<Version>.
const Name = "command"

// Version is set by build.sh (-ldflags -X); it must equal the npm @pulumi/command version.
var Version = "1.2.1"

// Tokens served here, and the prefix of those that are not.
const (
	CommandToken = "command:local:Command"
	RunToken     = "command:local:run"
	remotePrefix = "command:remote:"
)

// Server answers the engine's resource provider RPCs.
type Server struct {
	pulumirpc.UnimplementedResourceProviderServer

	mu   sync.Mutex
	host *provider.HostClient
}

// New returns a server that logs through host (nil: no engine log, e.g. in Attach mode until Attach).
func New(host *provider.HostClient) *Server {
	return &Server{host: host}
}

func (s *Server) engine() *provider.HostClient {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.host
}

func (s *Server) connect(address string) error {
	if address == "" {
		return nil
	}
	host, err := provider.NewHostClient(address)
	if err != nil {
		return err
	}
	s.mu.Lock()
	old := s.host
	s.host = host
	s.mu.Unlock()
	if old != nil {
		_ = old.Close()
	}
	return nil
}

// logger returns the function that writes a command's output lines to the engine's log of urn (as status
// messages, shown next to the resource while it runs), or nil when there is no engine to write to.
func (s *Server) logger(ctx context.Context, urn string) lineLogger {
	host := s.engine()
	if host == nil {
		return nil
	}
	return func(line string) {
		_ = host.LogStatus(ctx, diag.Info, resource.URN(urn), line)
	}
}

// Wire options: secrets and resource references travel both ways; unknowns only appear in previews and diffs.
var unmarshalOptions = plugin.MarshalOptions{
	KeepUnknowns:  true,
	KeepSecrets:   true,
	KeepResources: true,
	SkipNulls:     true,
}

var marshalOptions = plugin.MarshalOptions{
	KeepUnknowns:  true,
	KeepSecrets:   true,
	KeepResources: true,
	SkipNulls:     true,
}

func unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	if s == nil {
		return resource.PropertyMap{}, nil
	}
	return plugin.UnmarshalProperties(s, unmarshalOptions)
}

// commandProperties checks that urn names a command:local:Command and unmarshals each of the request's property sets.
func commandProperties(urn string, sets ...*structpb.Struct) ([]resource.PropertyMap, error) {
	if err := checkToken(tokenOf(urn), CommandToken); err != nil {
		return nil, err
	}
	maps := make([]resource.PropertyMap, len(sets))
	for i, set := range sets {
		m, err := unmarshal(set)
		if err != nil {
			return nil, err
		}
		maps[i] = m
	}
	return maps, nil
}

func marshal(m resource.PropertyMap) (*structpb.Struct, error) {
	return plugin.MarshalProperties(m, marshalOptions)
}

// tokenOf is the type token of a URN ("urn:pulumi:stack::project::command:local:Command::name").
func tokenOf(urn string) string {
	return string(resource.URN(urn).Type())
}

func nameOf(urn string) string {
	return resource.URN(urn).Name()
}

// checkToken refuses every token other than want with a clear error.
func checkToken(token, want string) error {
	if token == want {
		return nil
	}
	if strings.HasPrefix(token, remotePrefix) {
		return status.Errorf(codes.Unimplemented, "%s is not built into this plugin (vm-container-lab builds only command:local)", token)
	}
	return status.Errorf(codes.InvalidArgument, "unknown token %q: the command plugin of vm-container-lab serves %s and %s", token, CommandToken, RunToken)
}

// Handshake is the first call of engines that know it (v3.259 does): what it answers replaces Configure's answer,
// so it must accept secrets here too, or the engine strips them from every input.
func (s *Server) Handshake(_ context.Context, req *pulumirpc.ProviderHandshakeRequest) (*pulumirpc.ProviderHandshakeResponse, error) {
	if s.engine() == nil {
		if err := s.connect(req.GetEngineAddress()); err != nil {
			return nil, err
		}
	}
	return &pulumirpc.ProviderHandshakeResponse{
		AcceptSecrets:   true,
		AcceptResources: true,
		// Output values would only add dependency bookkeeping: the engine sends plain, secret or unknown values instead.
		AcceptOutputs: false,
	}, nil
}

// Configure: the provider has no configuration; the answer is what older engines without Handshake go by.
func (s *Server) Configure(context.Context, *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	return &pulumirpc.ConfigureResponse{
		AcceptSecrets:   true,
		SupportsPreview: true,
		AcceptResources: true,
		AcceptOutputs:   false,
	}, nil
}

func (s *Server) Attach(_ context.Context, req *pulumirpc.PluginAttach) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, s.connect(req.GetAddress())
}

func (s *Server) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (s *Server) GetSchema(_ context.Context, req *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	if req.GetSubpackageName() != "" {
		return nil, status.Errorf(codes.NotFound, "the command plugin has no subpackage %q", req.GetSubpackageName())
	}
	schema, err := Schema()
	if err != nil {
		return nil, status.Errorf(codes.Internal, "building the schema: %v", err)
	}
	return &pulumirpc.GetSchemaResponse{Schema: schema}, nil
}

// Cancel: commands run under their request's context, which the engine cancels when it goes away.
func (s *Server) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// Check validates the kinds of the inputs and returns them unchanged (no defaults are filled in, as upstream).
func (s *Server) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	sets, err := commandProperties(req.GetUrn(), req.GetNews())
	if err != nil {
		return nil, err
	}
	news := sets[0]
	inputs, err := marshal(news)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: inputs, Failures: checkFailures(validate(news, commandInputs))}, nil
}

func checkFailures(failures []failure) []*pulumirpc.CheckFailure {
	var out []*pulumirpc.CheckFailure
	for _, f := range failures {
		out = append(out, &pulumirpc.CheckFailure{Property: f.property, Reason: f.reason})
	}
	return out
}

// inputsOnly keeps the input properties of a Command state (old states of engines that send no old inputs).
func inputsOnly(state resource.PropertyMap) resource.PropertyMap {
	inputs := resource.PropertyMap{}
	for key, v := range state {
		if _, ok := commandInputs[string(key)]; ok {
			inputs[key] = v
		}
	}
	return inputs
}

// diffable drops what is no input of the resource's own: the engine's "version" and internal "__" keys.
func diffable(props resource.PropertyMap) resource.PropertyMap {
	out := resource.PropertyMap{}
	for key, v := range props {
		if key == "version" || strings.HasPrefix(string(key), "__") {
			continue
		}
		out[key] = v
	}
	return out
}

// isTriggers tells whether a detailed-diff path ("triggers", "triggers[0]", ...) is inside triggers.
func isTriggers(path string) bool {
	return path == propTriggers || strings.HasPrefix(path, propTriggers+"[") || strings.HasPrefix(path, propTriggers+".")
}

// topLevel is the property a detailed-diff path starts with.
func topLevel(path string) string {
	if parsed, err := resource.ParsePropertyPath(path); err == nil && len(parsed) > 0 {
		if head, ok := parsed[0].(string); ok {
			return head
		}
	}
	return path
}

// Diff compares the old inputs with the new ones. Any change is an in-place update (the update command, or create
// again), except a change inside triggers, which replaces the resource (create the new one, then delete the old).
func (s *Server) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	sets, err := commandProperties(req.GetUrn(), req.GetOlds(), req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, news := sets[0], sets[1]
	var oldInputs resource.PropertyMap
	if req.GetOldInputs() != nil {
		if oldInputs, err = unmarshal(req.GetOldInputs()); err != nil {
			return nil, err
		}
	} else {
		oldInputs = inputsOnly(olds)
	}
	oldInputs, news = diffable(oldInputs), diffable(news)

	// ignoreChanges: the new value of an ignored path is the old one.
	newsValue := resource.NewObjectProperty(news)
	for _, ignored := range req.GetIgnoreChanges() {
		path, err := resource.ParsePropertyPath(ignored)
		if err != nil {
			return nil, status.Errorf(codes.InvalidArgument, "ignoreChanges path %q: %v", ignored, err)
		}
		if old, ok := path.Get(resource.NewObjectProperty(oldInputs)); ok {
			path.Set(newsValue, old)
		}
	}

	objDiff := oldInputs.Diff(news)
	detailed := map[string]*pulumirpc.PropertyDiff{}
	diffs, replaces := map[string]bool{}, map[string]bool{}
	for path, d := range plugin.NewDetailedDiffFromObjectDiff(objDiff, false) {
		if isTriggers(path) {
			d.Kind = d.Kind.AsReplace()
		}
		detailed[path] = &pulumirpc.PropertyDiff{Kind: rpcKind(d.Kind), InputDiff: d.InputDiff}
		head := topLevel(path)
		diffs[head] = true
		if d.Kind.IsReplace() {
			replaces[head] = true
		}
	}
	changes := pulumirpc.DiffResponse_DIFF_NONE
	if objDiff.AnyChanges() {
		changes = pulumirpc.DiffResponse_DIFF_SOME
	}
	return &pulumirpc.DiffResponse{
		Changes:             changes,
		Diffs:               sortedKeys(diffs),
		Replaces:            sortedKeys(replaces),
		DetailedDiff:        detailed,
		HasDetailedDiff:     true,
		DeleteBeforeReplace: false,
	}, nil
}

func rpcKind(k plugin.DiffKind) pulumirpc.PropertyDiff_Kind {
	switch k {
	case plugin.DiffAdd:
		return pulumirpc.PropertyDiff_ADD
	case plugin.DiffAddReplace:
		return pulumirpc.PropertyDiff_ADD_REPLACE
	case plugin.DiffDelete:
		return pulumirpc.PropertyDiff_DELETE
	case plugin.DiffDeleteReplace:
		return pulumirpc.PropertyDiff_DELETE_REPLACE
	case plugin.DiffUpdateReplace:
		return pulumirpc.PropertyDiff_UPDATE_REPLACE
	default:
		return pulumirpc.PropertyDiff_UPDATE
	}
}

func sortedKeys(set map[string]bool) []string {
	if len(set) == 0 {
		return nil
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// display names a command in an error message without revealing a secret one.
func display(props resource.PropertyMap, name string) string {
	if v, ok := props[resource.PropertyKey(name)]; ok && v.ContainsSecrets() {
		return "[secret]"
	}
	text, _ := optionalString(props, name)
	return text
}

// withOutputs returns the inputs plus the run's outputs. Every input is copied as it came (secrets stay secret);
// the outputs become secret when any input holds a secret, since the command may print it.
func withOutputs(inputs resource.PropertyMap, outputs resource.PropertyMap) resource.PropertyMap {
	state := inputs.Copy()
	secret := inputs.ContainsSecrets()
	for key, v := range outputs {
		if secret && !v.IsSecret() {
			v = resource.MakeSecret(v)
		}
		state[key] = v
	}
	return state
}

func runOutputs(res result) resource.PropertyMap {
	outputs := resource.PropertyMap{
		propStdout: resource.NewStringProperty(res.stdout),
		propStderr: resource.NewStringProperty(res.stderr),
	}
	if res.assets != nil {
		outputs[propAssets] = resource.NewObjectProperty(res.assets)
	}
	if res.archive != nil {
		outputs[propArchive] = resource.NewArchiveProperty(res.archive)
	}
	return outputs
}

// previewOutputs are the outputs of a preview: nothing ran, so what the command prints is unknown.
func previewOutputs(s settings, hadAssets, hadArchive bool) resource.PropertyMap {
	unknown := resource.MakeComputed(resource.NewStringProperty(""))
	outputs := resource.PropertyMap{propStdout: unknown, propStderr: unknown}
	if s.hasAssetPaths || hadAssets {
		outputs[propAssets] = unknown
	}
	if s.hasArchivePaths || hadArchive {
		outputs[propArchive] = unknown
	}
	return outputs
}

func requireKnown(news resource.PropertyMap, what string) error {
	if unknown := unknownInputs(news); len(unknown) > 0 {
		return status.Errorf(codes.InvalidArgument, "cannot %s: inputs %s are not known yet", what, strings.Join(unknown, ", "))
	}
	return nil
}

func validInputs(news resource.PropertyMap, kinds map[string]kind, required ...string) error {
	failures := validate(news, kinds, required...)
	if len(failures) == 0 {
		return nil
	}
	reasons := make([]string, len(failures))
	for i, f := range failures {
		reasons[i] = f.reason
	}
	return status.Errorf(codes.InvalidArgument, "invalid inputs: %s", strings.Join(reasons, "; "))
}

// Create runs the create command (nothing in a preview) and returns the inputs with stdout and stderr.
func (s *Server) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	sets, err := commandProperties(req.GetUrn(), req.GetProperties())
	if err != nil {
		return nil, err
	}
	news := sets[0]
	if err := validInputs(news, commandInputs); err != nil {
		return nil, err
	}
	settings := readSettings(news)
	if req.GetPreview() {
		props, err := marshal(withOutputs(news, previewOutputs(settings, false, false)))
		if err != nil {
			return nil, err
		}
		return &pulumirpc.CreateResponse{Properties: props}, nil
	}
	if err := requireKnown(news, "create"); err != nil {
		return nil, err
	}
	id, err := resource.NewUniqueHex(nameOf(req.GetUrn()), 8, 0)
	if err != nil {
		return nil, err
	}
	res := result{}
	if command, ok := optionalString(news, propCreate); ok {
		if res, err = runCommand(ctx, command, display(news, propCreate), settings, previous{}, s.logger(ctx, req.GetUrn())); err != nil {
			return nil, err
		}
	}
	props, err := marshal(withOutputs(news, runOutputs(res)))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

// oldOutputs returns what the last create or update left in the state (secrets unwrapped).
func oldOutputs(olds resource.PropertyMap) (previous, resource.PropertyMap) {
	prev := previous{}
	prev.stdout, _ = optionalString(olds, propStdout)
	prev.stderr, _ = optionalString(olds, propStderr)
	kept := resource.PropertyMap{}
	for _, key := range []resource.PropertyKey{propStdout, propStderr, propAssets, propArchive} {
		if v, ok := olds[key]; ok {
			kept[key] = v
		}
	}
	return prev, kept
}

// Update runs the update command, or create when there is none, with the previous output in its environment.
func (s *Server) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	sets, err := commandProperties(req.GetUrn(), req.GetOlds(), req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, news := sets[0], sets[1]
	// ignoreChanges: keep the old value of an ignored path, as Diff compared it.
	newsValue := resource.NewObjectProperty(news)
	for _, ignored := range req.GetIgnoreChanges() {
		if path, err := resource.ParsePropertyPath(ignored); err == nil {
			if old, ok := path.Get(resource.NewObjectProperty(olds)); ok {
				path.Set(newsValue, old)
			}
		}
	}
	if err := validInputs(news, commandInputs); err != nil {
		return nil, err
	}
	settings := readSettings(news)
	prev, kept := oldOutputs(olds)
	if req.GetPreview() {
		_, hadAssets := kept[propAssets]
		_, hadArchive := kept[propArchive]
		props, err := marshal(withOutputs(news, previewOutputs(settings, hadAssets, hadArchive)))
		if err != nil {
			return nil, err
		}
		return &pulumirpc.UpdateResponse{Properties: props}, nil
	}
	if err := requireKnown(news, "update"); err != nil {
		return nil, err
	}
	name := propUpdate
	command, ok := optionalString(news, propUpdate)
	if !ok {
		name = propCreate
		command, ok = optionalString(news, propCreate)
	}
	outputs := kept
	if ok {
		res, err := runCommand(ctx, command, display(news, name), settings, prev, s.logger(ctx, req.GetUrn()))
		if err != nil {
			return nil, err
		}
		outputs = runOutputs(res)
		// Upstream keeps the last assets/archive when the new inputs no longer ask for them.
		for _, key := range []resource.PropertyKey{propAssets, propArchive} {
			if _, has := outputs[key]; !has {
				if v, had := kept[key]; had {
					outputs[key] = v
				}
			}
		}
	}
	props, err := marshal(withOutputs(news, outputs))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

// Delete runs the delete command, if any, with the state's directory, environment and interpreter and the last
// output in PULUMI_COMMAND_STDOUT/STDERR.
func (s *Server) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	sets, err := commandProperties(req.GetUrn(), req.GetProperties())
	if err != nil {
		return nil, err
	}
	olds := sets[0]
	command, ok := optionalString(olds, propDelete)
	if !ok {
		return &emptypb.Empty{}, nil
	}
	prev, _ := oldOutputs(olds)
	if _, err := runCommand(ctx, command, display(olds, propDelete), readSettings(olds), prev, s.logger(ctx, req.GetUrn())); err != nil {
		return nil, err
	}
	return &emptypb.Empty{}, nil
}

// Read (refresh, import) has nothing to look up: a command's state is what it printed then.
func (s *Server) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	if err := checkToken(tokenOf(req.GetUrn()), CommandToken); err != nil {
		return nil, err
	}
	inputs := req.GetInputs()
	if inputs == nil {
		props, err := unmarshal(req.GetProperties())
		if err != nil {
			return nil, err
		}
		if inputs, err = marshal(inputsOnly(props)); err != nil {
			return nil, err
		}
	}
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: inputs}, nil
}

// Invoke serves command:local:run: the command runs on every call, previews included (as upstream).
func (s *Server) Invoke(ctx context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	if err := checkToken(req.GetTok(), RunToken); err != nil {
		return nil, err
	}
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	if failures := validate(args, runInputs, propCommand); len(failures) > 0 {
		return &pulumirpc.InvokeResponse{Failures: checkFailures(failures)}, nil
	}
	if err := requireKnown(args, "run"); err != nil {
		return nil, err
	}
	command, _ := optionalString(args, propCommand)
	res, err := runCommand(ctx, command, display(args, propCommand), readSettings(args), previous{}, s.logger(ctx, ""))
	if err != nil {
		return nil, err
	}
	ret, err := marshal(withOutputs(args, runOutputs(res)))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: ret}, nil
}

var _ pulumirpc.ResourceProviderServer = (*Server)(nil)

// String names the server in logs.
func (s *Server) String() string { return fmt.Sprintf("%s provider v%s", Name, Version) }
