// Command seedpress publishes a folder of Turkish seed texts as an EPUB 3,
// a PDF and a JSON dataset, all from one canonical document model.
//
// Usage:
//
//	seedpress check   [--seeds DIR] [--strict]
//	seedpress dump    [--seeds DIR]
//	seedpress build   [--seeds DIR] [--out DIR] [--format epub,pdf,dataset] [--strict] [--quiet] [--workers N]
//	seedpress schema  [--out DIR]
//	seedpress version
//	seedpress help
//
// Exit codes: 0 on success, 1 when the run found errors, 2 on a usage error,
// 128 + the signal's number when a build is interrupted (130 for Ctrl-C,
// 143 for SIGTERM), as shells report a process the signal killed.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode reports err on stderr (unless it was reported already) and
// returns the process's exit code: 0, 1 on errors, 2 on usage errors,
// 128 + the signal's number after an interrupt.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, ue.Error())
		if ue.usage != "" {
			fmt.Fprint(stderr, ue.usage)
		}
		return 2
	case errors.Is(err, errReported):
		return 1
	}
	fmt.Fprintf(stderr, "seedpress: %v\n", err)
	if in := (*interrupted)(nil); errors.As(err, &in) {
		return in.code()
	}
	return 1
}

// usageError is a mistake on the command line: exit code 2.
type usageError struct {
	msg   string // the whole message, "seedpress build: …"
	usage string // the command's usage, printed after the message; may be empty
}

func (e *usageError) Error() string { return e.msg }

// errReported means the run failed and has already said why on stderr (the
// diagnostics and their summary): exit code 1 with nothing more to print.
var errReported = errors.New("errors reported")

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"check", "run every stage and pre-flight check, print every problem", runCheck},
		{"dump", "print the canonical model as text", runDump},
		{"build", "publish the EPUB, PDF and dataset into the output folder", runBuild},
		{"schema", "write the dataset's JSON Schemas", runSchema},
		{"version", "print the versions of seedpress, Go and the libraries", runVersion},
		{"help", "print this help", nil},
	}
}

func mainUsage() string {
	var b strings.Builder
	b.WriteString("seedpress publishes a folder of Turkish seed texts as EPUB 3, PDF and a JSON dataset.\n\n")
	b.WriteString("Usage:\n\n\tseedpress <command> [flags]\n\nCommands:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "\t%-8s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun \"seedpress <command> --help\" for a command's flags.\n")
	b.WriteString("Exit status: 0 success, 1 errors found, 2 usage error, 130 or 143 interrupted.\n")
	return b.String()
}

// run is seedpress: args are the command-line arguments without the program
// name. It writes results to stdout and everything else to stderr.
func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return &usageError{msg: "seedpress: no command given", usage: mainUsage()}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return run([]string{rest[0], "--help"}, stdout, stderr)
		}
		_, err := io.WriteString(stdout, mainUsage())
		return err
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(rest, stdout, stderr)
		}
	}
	return &usageError{msg: fmt.Sprintf("seedpress: unknown command %q", name), usage: mainUsage()}
}

// flagSet returns a silent FlagSet for a subcommand: parse prints its usage.
func flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("seedpress "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses args into fs. --help (or -h) prints the usage to stdout and
// returns errHelp, which helped turns into success; any other problem is a
// usage error carrying the usage text.
func parse(fs *flag.FlagSet, synopsis string, args []string, stdout io.Writer) error {
	err := fs.Parse(args)
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err == nil {
		return nil
	}
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usageText(fs, synopsis))
		return errHelp
	}
	return &usageError{msg: fmt.Sprintf("%s: %v", fs.Name(), err), usage: usageText(fs, synopsis)}
}

// errHelp stops a command after --help printed its usage; it is success.
var errHelp = errors.New("help printed")

func usageText(fs *flag.FlagSet, synopsis string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: %s\n", synopsis)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		b.WriteString("\nFlags:\n")
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return b.String()
}

// helped maps errHelp to success.
func helped(err error) error {
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

// interrupted is a build stopped by a signal: exit code 128 + its number.
type interrupted struct {
	sig os.Signal
	msg string
}

func (e *interrupted) Error() string { return e.msg }

func (e *interrupted) code() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}
