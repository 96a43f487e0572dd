#pragma once

#include <QString>
#include <QStringList>

namespace stills::languages {

// The languages Stills is translated into (ISO 639-1 codes), English first.
QStringList available();

// The language's name in itself ("Deutsch", "Français").
QString nativeName(const QString &code);

// The language to use for a preference: `preferred` when it is available, else (empty or unknown)
// the first of the system's UI languages that is available (none under LC_ALL/LANG=C), else "en".
QString resolve(const QString &preferred);

// Installs Stills' translation (compiled in, :/i18n/stills_<code>.qm; for English only its plural
// forms) and Qt's own (qtbase, from the Qt installation, for standard dialogs and buttons) for
// `resolve(preferred)` into the application, and removes those it installed before. A
// QCoreApplication must exist. Returns the language now in use. Call on the GUI thread, before the
// window is built (strings already shown do not change).
QString install(const QString &preferred);

} // namespace stills::languages
