package provider

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/gobwas/glob"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Environment variables that carry the previous run's output into update and delete commands.
const (
	envPreviousStdout = "PULUMI_COMMAND_STDOUT"
	envPreviousStderr = "PULUMI_COMMAND_STDERR"
)

var defaultInterpreter = []string{"/bin/sh", "-c"}

// result is what one run of a command produced.
type result struct {
	stdout, stderr string
	assets         resource.PropertyMap // nil unless assetPaths was given
	archive        *resource.Archive    // nil unless archivePaths was given
}

// previous is the output of the last create or update, for PULUMI_COMMAND_STDOUT/STDERR.
type previous struct {
	stdout, stderr string
}

// lineLogger receives the command's output line by line while it runs (the engine's log).
type lineLogger func(line string)

// lockedBuffer is a buffer that stdout's and stderr's copying goroutines may write to at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// trimOneNewline drops exactly one trailing "\n", as the output properties of upstream's provider do.
func trimOneNewline(s string) string { return strings.TrimSuffix(s, "\n") }

// commandError is a command that could not start or exited non-zero; its message carries the exit status and
// everything the command printed, stdout and stderr interleaved as they came.
type commandError struct {
	err     error
	command string
	output  string
}

func (e *commandError) Error() string {
	return fmt.Sprintf("%v: running %q:\n%s", e.err, e.command, e.output)
}

func (e *commandError) Unwrap() error { return e.err }

// runCommand runs command through the interpreter with the settings' directory, environment and stdin, and then
// collects the assets and archive the settings ask for. displayCommand is how the command is named in an error
// ("[secret]" for a secret one).
func runCommand(ctx context.Context, command, displayCommand string, s settings, prev previous, log lineLogger) (result, error) {
	args := append([]string{}, defaultInterpreter...)
	if len(s.interpreter) > 0 {
		args = append([]string{}, s.interpreter...)
	}
	args = append(args, command)

	//nolint:gosec // running the user's command is what this provider is for
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	if s.hasDir {
		cmd.Dir = s.dir
	} else {
		wd, err := os.Getwd()
		if err != nil {
			return result{}, err
		}
		cmd.Dir = wd
	}

	cmd.Env = os.Environ()
	names := make([]string, 0, len(s.environment))
	for name := range s.environment {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		cmd.Env = append(cmd.Env, name+"="+s.environment[name])
	}
	if s.addPreviousOutputInEnv {
		if prev.stdout != "" {
			cmd.Env = append(cmd.Env, envPreviousStdout+"="+prev.stdout)
		}
		if prev.stderr != "" {
			cmd.Env = append(cmd.Env, envPreviousStderr+"="+prev.stderr)
		}
	}
	if s.stdin != "" {
		cmd.Stdin = strings.NewReader(s.stdin)
	}

	var stdout, stderr bytes.Buffer
	combined := &lockedBuffer{}
	logReader, logWriter := io.Pipe()
	stdoutWriters := []io.Writer{&stdout, combined}
	stderrWriters := []io.Writer{&stderr, combined}
	if log != nil && (s.logging == logStdout || s.logging == logStdoutAndStderr) {
		stdoutWriters = append(stdoutWriters, logWriter)
	}
	if log != nil && (s.logging == logStderr || s.logging == logStdoutAndStderr) {
		stderrWriters = append(stderrWriters, logWriter)
	}
	cmd.Stdout = io.MultiWriter(stdoutWriters...)
	cmd.Stderr = io.MultiWriter(stderrWriters...)

	logged := make(chan struct{})
	go func() {
		defer close(logged)
		scanner := bufio.NewScanner(logReader)
		scanner.Buffer(make([]byte, 64*1024), 1024*1024)
		for scanner.Scan() {
			log(scanner.Text())
		}
		// A line longer than the scanner's buffer ends the logging, never the command.
		_, _ = io.Copy(io.Discard, logReader)
	}()

	err := cmd.Run()
	_ = logWriter.Close()
	<-logged
	if err != nil {
		return result{}, &commandError{err: err, command: displayCommand, output: combined.String()}
	}

	res := result{stdout: trimOneNewline(stdout.String()), stderr: trimOneNewline(stderr.String())}
	if s.hasAssetPaths {
		found, err := globFiles(cmd.Dir, s.assetPaths)
		if err != nil {
			return result{}, fmt.Errorf("collecting assetPaths: %w", err)
		}
		res.assets = resource.PropertyMap{}
		for rel, asset := range found {
			res.assets[resource.PropertyKey(rel)] = resource.NewAssetProperty(asset)
		}
	}
	if s.hasArchivePaths {
		found, err := globFiles(cmd.Dir, s.archivePaths)
		if err != nil {
			return result{}, fmt.Errorf("collecting archivePaths: %w", err)
		}
		members := map[string]any{}
		for rel, asset := range found {
			members[rel] = asset
		}
		archive, err := resource.NewAssetArchive(members)
		if err != nil {
			return result{}, fmt.Errorf("building the archive: %w", err)
		}
		res.archive = archive
	}
	return res, nil
}

// globFiles returns the files (not folders) under dir whose slash-separated relative paths match the patterns,
// taken in order: a pattern starting with "!" removes what earlier patterns added. "*" stops at "/", "**" does not.
func globFiles(dir string, patterns []string) (map[string]*resource.Asset, error) {
	type rule struct {
		exclude bool
		matcher glob.Glob
	}
	rules := make([]rule, 0, len(patterns))
	for _, pattern := range patterns {
		exclude := strings.HasPrefix(pattern, "!")
		compiled, err := glob.Compile(strings.TrimPrefix(pattern, "!"), '/')
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", pattern, err)
		}
		rules = append(rules, rule{exclude, compiled})
	}
	found := map[string]*resource.Asset{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(rel string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if entry.IsDir() {
			return nil
		}
		for _, r := range rules {
			if !r.matcher.Match(rel) {
				continue
			}
			if r.exclude {
				delete(found, rel)
				continue
			}
			asset, err := resource.NewPathAsset(filepath.Join(dir, filepath.FromSlash(rel)))
			if err != nil {
				return err
			}
			found[rel] = asset
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return found, nil
}
