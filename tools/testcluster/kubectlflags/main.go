// Command kubectlflags prints the pinned kubectl's command tree with every flag's arity as JSON, read
// from kubectl's own cobra/pflag definitions, so the agent's kubectl parser (dev.k8sai.kubectl) consumes
// arguments exactly as kubectl does. Regenerate with scripts/kubectl-flags.sh; the output is committed
// as src/main/resources/dev/k8sai/kubectl/kubectl-flags.json.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"k8s.io/component-base/logs"
	"k8s.io/kubectl/pkg/cmd"
)

// kubernetesVersion is set by scripts/kubectl-flags.sh from tools/testcluster/go.mod.
var kubernetesVersion = "unknown"

type flag struct {
	Name        string `json:"name"`
	Shorthand   string `json:"shorthand,omitempty"`
	Type        string `json:"type"`
	NoOptDefVal string `json:"noOptDefVal,omitempty"`
	// Persistent: defined on this command for it and all its subcommands.
	Persistent bool `json:"persistent,omitempty"`
}

type command struct {
	Path     string   `json:"path"`
	Aliases  []string `json:"aliases,omitempty"`
	Runnable bool     `json:"runnable"`
	// DisableFlagParsing: cobra hands every argument to the command unparsed.
	DisableFlagParsing bool `json:"disableFlagParsing,omitempty"`
	// Flags defined on this command itself (local and persistent); a command also accepts the
	// persistent flags of its ancestors.
	Flags []flag `json:"flags"`
}

type table struct {
	KubectlVersion string    `json:"kubectlVersion"`
	Generator      string    `json:"generator"`
	Normalization  string    `json:"normalization"`
	Commands       []command `json:"commands"`
}

func flagsOf(c *cobra.Command) []flag {
	persistent := map[string]bool{}
	c.PersistentFlags().VisitAll(func(f *pflag.Flag) { persistent[f.Name] = true })
	var out []flag
	c.LocalFlags().VisitAll(func(f *pflag.Flag) {
		out = append(out, flag{Name: f.Name, Shorthand: f.Shorthand, Type: f.Value.Type(), NoOptDefVal: f.NoOptDefVal,
			Persistent: persistent[f.Name]})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func walk(c *cobra.Command, path []string, out *[]command) {
	// cobra adds -h/--help to the command it executes; add it here so the table matches a real run.
	c.InitDefaultHelpFlag()
	*out = append(*out, command{Path: strings.Join(path, " "), Aliases: c.Aliases, Runnable: c.Runnable(),
		DisableFlagParsing: c.DisableFlagParsing, Flags: flagsOf(c)})
	children := c.Commands()
	sort.Slice(children, func(i, j int) bool { return children[i].Name() < children[j].Name() })
	for _, child := range children {
		walk(child, append(append([]string{}, path...), child.Name()), out)
	}
}

func main() {
	// The same construction as k8s.io/kubernetes/cmd/kubectl: NewDefaultKubectlCommand, then
	// component-base's cli.Run adds the logging flags (-v, --vmodule…) to the root's persistent flags.
	root := cmd.NewDefaultKubectlCommand()
	logs.AddFlags(root.PersistentFlags())
	var commands []command
	walk(root, nil, &commands)
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(table{
		KubectlVersion: kubernetesVersion,
		Generator:      "tools/testcluster/kubectlflags (cmd.NewDefaultKubectlCommand)",
		Normalization:  "flag names: '_' is read as '-' (cliflag.WordSepNormalizeFunc)",
		Commands:       commands,
	}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
