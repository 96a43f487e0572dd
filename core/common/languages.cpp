#include "languages.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>
#include <vector>

namespace stills::languages {

namespace {

// The translators installed by install(), owned here so that a second call can replace them.
std::vector<std::unique_ptr<QTranslator>> &installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

} // namespace

QStringList available()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr")};
}

QString nativeName(const QString &code)
{
    const QLocale locale(code);
    QString name = locale.nativeLanguageName();
    if (!name.isEmpty())
        name[0] = name.at(0).toUpper();
    return name.isEmpty() ? code : name;
}

QString resolve(const QString &preferred)
{
    const QStringList known = available();
    if (known.contains(preferred))
        return preferred;
    // As with gettext, LANGUAGE does not count when the locale is C or POSIX (LC_ALL=C.UTF-8 in
    // scripts and tests): those want the untranslated texts.
    bool localeIsC = false;
    for (const char *variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const QByteArray value = qgetenv(variable);
        if (value.isEmpty())
            continue;
        localeIsC = value == "C" || value.startsWith("C.") || value == "POSIX";
        break;
    }
    // (Qt itself takes LANGUAGE for the system locale when LC_ALL is C.UTF-8; a locale set with
    // QLocale::setDefault() still decides.)
    if (localeIsC && QLocale() == QLocale::system())
        return QStringLiteral("en");
    const QStringList system = QLocale().uiLanguages();
    for (const QString &tag : system) {
        const QString code = tag.section(u'-', 0, 0).section(u'_', 0, 0).toLower();
        if (known.contains(code))
            return code;
    }
    return QStringLiteral("en");
}

QString install(const QString &preferred)
{
    for (const auto &translator : installed())
        QCoreApplication::removeTranslator(translator.get());
    installed().clear();

    const QString code = resolve(preferred);
    // English too: the source strings are English, but its plural forms come from stills_en.qm.
    auto own = std::make_unique<QTranslator>();
    if (own->load(QStringLiteral(":/i18n/stills_%1.qm").arg(code))) {
        QCoreApplication::installTranslator(own.get());
        installed().push_back(std::move(own));
    }
    auto qt = std::make_unique<QTranslator>();
    if (code != u"en" && qt->load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        installed().push_back(std::move(qt));
    }
    return code;
}

} // namespace stills::languages
