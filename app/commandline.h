#pragma once

#include <QStringList>

namespace stills::cli {

// Exit codes of every subcommand.
enum ExitCode { Ok = 0, SomeItemsFailed = 1, UsageOrFatal = 2 };

// True when the arguments ask for a subcommand, --help or --version rather than the window.
bool wantsCommandLine(const QStringList &arguments);

// Runs the subcommand (a QCoreApplication must exist). Returns the exit code.
int run(const QStringList &arguments);

// The catalog URL the arguments name with --catalog, or the default; empty when malformed.
QString catalogArgument(const QStringList &arguments);
bool hasCatalogArgument(const QStringList &arguments);

} // namespace stills::cli
