// Command calmnights runs the Calm Nights bot: on Telegram and Discord when
// their tokens are configured, and as a console chat when none is.
//
//	calmnights            run every configured front door (console if none)
//	calmnights chat       chat in this terminal
//	calmnights ask "..."  answer one question (exit 3 when there is no answer)
//	calmnights backup F   copy the database safely while it runs
//	calmnights migrate    apply migrations
//	calmnights stats      print the database's numbers
//	calmnights migrate-data --from F --to postgres://…  copy SQLite into PostgreSQL
//	calmnights version    print the version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // users' zones must load on any machine or image
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}, os.Getenv)
	stop()
	os.Exit(code)
}

// stdio is the process's standard streams, replaceable in tests.
type stdio struct {
	in  io.Reader
	out io.Writer
	err io.Writer
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// run executes one subcommand and returns the process exit code.
func run(ctx context.Context, args []string, io stdio, getenv func(string) string) int {
	sub := ""
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		sub, args = args[0], args[1:]
	}
	var err error
	switch sub {
	case "", "serve":
		err = serve(ctx, args, io, getenv, false)
	case "chat":
		err = serve(ctx, args, io, getenv, true)
	case "ask":
		return ask(args, io)
	case "backup":
		err = backup(ctx, args, io, getenv)
	case "migrate":
		err = migrate(ctx, args, io, getenv)
	case "migrate-data":
		err = migrateData(ctx, args, io)
	case "stats":
		err = stats(ctx, args, io, getenv)
	case "healthcheck":
		err = healthcheck(ctx, io, getenv)
	case "version":
		fmt.Fprintln(io.out, versionString())
	case "help":
		fmt.Fprint(io.out, usage)
	default:
		fmt.Fprintf(io.err, "calmnights: unknown command %q\n\n%s", sub, usage)
		return exitUsage
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(io.err, "calmnights: %v\n", err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(io.err, "calmnights: %v\n", err)
		return exitError
	}
	return exitOK
}

const usage = `Usage:
  calmnights [flags]          run every front door whose token is set; the console if none is
  calmnights chat [flags]     chat with the bot in this terminal
  calmnights ask "QUESTION"   answer one question and exit (3 when it has no answer)
  calmnights backup FILE      write a consistent copy of the database (safe while running) and check it
  calmnights migrate          apply database migrations and exit
  calmnights stats            print users, journal rows, reminders and database size
  calmnights migrate-data --from FILE.db --to postgres://...   copy a SQLite deployment into PostgreSQL, verified
  calmnights healthcheck      ask a running bot's /healthz (for container health checks)
  calmnights version          print the version

Flags:
  -db PATH|URL       SQLite database file, or a postgres:// URL (env CALMNIGHTS_DB, default calmnights.db)
  -log-level LEVEL   debug, info, warn or error (env CALMNIGHTS_LOG_LEVEL)
  -log-format FMT    text or json (env CALMNIGHTS_LOG_FORMAT, default text)
  -http ADDR         serve /healthz, /readyz and /metrics (env CALMNIGHTS_HTTP_ADDR, default off)

Environment:
  CALMNIGHTS_TELEGRAM_TOKEN, CALMNIGHTS_DISCORD_TOKEN   turn a front door on
  CALMNIGHTS_LOG_KEY   key of the users' pseudonyms in logs (default: made once, kept in the database)
  (each also as *_FILE: read the value from that file)
`

// usageError is a mistake in how the program was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
