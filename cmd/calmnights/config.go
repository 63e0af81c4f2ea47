package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
)

// config is everything the program reads from flags and the environment.
type config struct {
	DB            string
	HTTPAddr      string // health, readiness and metrics; "" for off
	TelegramToken string
	DiscordToken  string
	// Telegram: another Bot API server, and webhook mode.
	TelegramAPIURL        string
	TelegramWebhookURL    string
	TelegramWebhookSecret string
	TelegramWebhookAddr   string
	// Discord: another API host, one server for commands, sharding.
	DiscordAPIURL     string
	DiscordGuildID    string
	DiscordShardID    int
	DiscordShardCount int
	// Discord's HTTP interactions endpoint instead of the gateway: the
	// listen address, the application's public key and id.
	DiscordInteractionsAddr string
	DiscordPublicKey        string
	DiscordAppID            string
	LogLevel                slog.Level
	LogFormat               string // "text" or "json"
	// LogKey keys the users' pseudonyms in logs; "" means the key kept in
	// the database.
	LogKey string
}

// LogValue keeps tokens out of logs: it says only which are set.
func (c config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("db", redactDSN(c.DB)),
		slog.Bool("telegram", c.TelegramToken != ""),
		slog.Bool("discord", c.DiscordToken != ""),
		slog.String("telegram_api", c.TelegramAPIURL),
		slog.Bool("telegram_webhook", c.TelegramWebhookURL != ""),
		slog.String("discord_api", c.DiscordAPIURL),
		slog.Int("discord_shard", c.DiscordShardID),
		slog.Int("discord_shards", c.DiscordShardCount),
		slog.Bool("discord_http_interactions", c.DiscordInteractionsAddr != ""),
		slog.String("log_level", c.LogLevel.String()),
		slog.String("log_format", c.LogFormat),
		slog.String("http", c.HTTPAddr),
	)
}

// loadConfig reads flags (which win) and environment variables. Console
// runs log at warn by default so logs don't clutter the conversation.
func loadConfig(args []string, getenv func(string) string, console bool) (config, error) {
	fs := flag.NewFlagSet("calmnights", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "SQLite database file")
	level := fs.String("log-level", "", "log level")
	format := fs.String("log-format", "", "log format")
	httpAddr := fs.String("http", "", "health and metrics address")
	if err := fs.Parse(args); err != nil {
		return config{}, usageError{msg: err.Error() + " (see calmnights help)"}
	}
	if fs.NArg() > 0 {
		return config{}, usageError{msg: fmt.Sprintf("unexpected argument %q (see calmnights help)", fs.Arg(0))}
	}
	c := config{
		DB:        firstNonEmpty(*db, getenv("CALMNIGHTS_DB"), "calmnights.db"),
		LogFormat: strings.ToLower(firstNonEmpty(*format, getenv("CALMNIGHTS_LOG_FORMAT"), "text")),
		HTTPAddr:  firstNonEmpty(*httpAddr, getenv("CALMNIGHTS_HTTP_ADDR")),
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return config{}, usageError{msg: fmt.Sprintf("log format %q: want text or json", c.LogFormat)}
	}
	defaultLevel := "info"
	if console {
		defaultLevel = "warn"
	}
	if err := c.LogLevel.UnmarshalText([]byte(firstNonEmpty(*level, getenv("CALMNIGHTS_LOG_LEVEL"), defaultLevel))); err != nil {
		return config{}, usageError{msg: fmt.Sprintf("log level: %v (want debug, info, warn or error)", err)}
	}
	var err error
	if c.TelegramToken, err = secret("CALMNIGHTS_TELEGRAM_TOKEN", getenv); err != nil {
		return config{}, err
	}
	if c.DiscordToken, err = secret("CALMNIGHTS_DISCORD_TOKEN", getenv); err != nil {
		return config{}, err
	}
	c.TelegramAPIURL = firstNonEmpty(getenv("CALMNIGHTS_TELEGRAM_API_URL"), "https://api.telegram.org")
	c.TelegramWebhookURL = getenv("CALMNIGHTS_TELEGRAM_WEBHOOK_URL")
	c.TelegramWebhookAddr = firstNonEmpty(getenv("CALMNIGHTS_TELEGRAM_WEBHOOK_ADDR"), ":8443")
	if c.TelegramWebhookSecret, err = secret("CALMNIGHTS_TELEGRAM_WEBHOOK_SECRET", getenv); err != nil {
		return config{}, err
	}
	c.DiscordAPIURL = firstNonEmpty(getenv("CALMNIGHTS_DISCORD_API_URL"), "https://discord.com")
	c.DiscordGuildID = getenv("CALMNIGHTS_DISCORD_GUILD_ID")
	c.DiscordInteractionsAddr = getenv("CALMNIGHTS_DISCORD_INTERACTIONS_ADDR")
	c.DiscordPublicKey = getenv("CALMNIGHTS_DISCORD_PUBLIC_KEY")
	c.DiscordAppID = getenv("CALMNIGHTS_DISCORD_APP_ID")
	if c.DiscordInteractionsAddr != "" && c.DiscordPublicKey == "" {
		return c, errors.New("CALMNIGHTS_DISCORD_INTERACTIONS_ADDR needs CALMNIGHTS_DISCORD_PUBLIC_KEY, the application's public key")
	}
	for _, v := range []struct {
		name string
		dst  *int
	}{{"CALMNIGHTS_DISCORD_SHARD_ID", &c.DiscordShardID}, {"CALMNIGHTS_DISCORD_SHARD_COUNT", &c.DiscordShardCount}} {
		if s := getenv(v.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return config{}, usageError{msg: fmt.Sprintf("%s=%q: want a whole number", v.name, s)}
			}
			*v.dst = n
		}
	}
	if c.DiscordShardCount > 0 && c.DiscordShardID >= c.DiscordShardCount {
		return config{}, usageError{msg: "CALMNIGHTS_DISCORD_SHARD_ID must be below CALMNIGHTS_DISCORD_SHARD_COUNT"}
	}
	if c.LogKey, err = secret("CALMNIGHTS_LOG_KEY", getenv); err != nil {
		return config{}, err
	}
	if c.LogKey != "" && len(c.LogKey) < minLogKey {
		return config{}, usageError{msg: fmt.Sprintf("CALMNIGHTS_LOG_KEY: want at least %d characters", minLogKey)}
	}
	return c, nil
}

// secret reads NAME, or the file named by NAME_FILE (trimmed). Setting both
// is a mistake.
func secret(name string, getenv func(string) string) (string, error) {
	v, file := getenv(name), getenv(name+"_FILE")
	switch {
	case v != "" && file != "":
		return "", usageError{msg: fmt.Sprintf("set %s or %s_FILE, not both", name, name)}
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read %s_FILE: %w", name, err)
		}
		v = strings.TrimSpace(string(b))
		if v == "" {
			return "", usageError{msg: fmt.Sprintf("%s_FILE (%s) is empty", name, file)}
		}
	}
	return strings.TrimSpace(v), nil
}

// newLogger builds the one logger of the process.
func newLogger(w io.Writer, c config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
