#include "settings.h"

#include "common/paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>

namespace stills {

namespace {

// The keys, in one place. "catalog/location" is also what the window writes on close.
const QString kCatalogLocation = QStringLiteral("catalog/location");
const QString kCacheFolder = QStringLiteral("cache/folder");
const QString kCacheLimit = QStringLiteral("cache/limitMiB");
const QString kWorkers = QStringLiteral("workers/count");
const QString kLanguage = QStringLiteral("ui/language");
const QString kSidecars = QStringLiteral("sidecars/write");
const QString kGenerator = QStringLiteral("caption/generator");
// Absent in files written before the model-free composer existed, when "builtin" meant the
// TorchScript model.
const QString kGeneratorNames = QStringLiteral("caption/generatorNames");
constexpr int kCurrentGeneratorNames = 2;
const QString kServerUrl = QStringLiteral("caption/serverUrl");
const QString kModel = QStringLiteral("caption/model");
const QString kPrompt = QStringLiteral("caption/promptTemplate");
const QString kTorchModel = QStringLiteral("caption/torchModelPath");
const QString kInputSize = QStringLiteral("caption/inputSize");
const QString kMean = QStringLiteral("caption/mean");
const QString kStd = QStringLiteral("caption/std");
const QString kApiKey = QStringLiteral("caption/apiKey");

// The names are those of `stills caption --generator` and of Caption::source.
QString generatorName(CaptionSettings::Generator generator)
{
    switch (generator) {
    case CaptionSettings::Generator::OpenAiServer:
        return QStringLiteral("openai");
    case CaptionSettings::Generator::TorchScript:
        return QStringLiteral("torchscript");
    case CaptionSettings::Generator::BuiltIn:
        break;
    }
    return QStringLiteral("builtin");
}

CaptionSettings::Generator readGenerator(const QSettings &settings, const QString &torchModelPath)
{
    const QString name = settings.value(kGenerator).toString();
    if (name == u"openai")
        return CaptionSettings::Generator::OpenAiServer;
    if (name == u"torchscript")
        return CaptionSettings::Generator::TorchScript;
    // An old file's "builtin" was the TorchScript model: kept so when a model file was chosen
    // (without one it could not caption anything, and the composer is what works).
    const bool oldNames = settings.value(kGeneratorNames, 1).toInt() < kCurrentGeneratorNames;
    if (name == u"builtin" && oldNames && !torchModelPath.trimmed().isEmpty())
        return CaptionSettings::Generator::TorchScript;
    return CaptionSettings::Generator::BuiltIn;
}

// Three numbers ("0.485, 0.456, 0.406"); anything else keeps the default.
QList<double> readTriple(const QSettings &settings, const QString &key, const QList<double> &fallback)
{
    const QStringList parts = settings.value(key).toString().split(u',', Qt::SkipEmptyParts);
    if (parts.size() != 3)
        return fallback;
    QList<double> values;
    for (const QString &part : parts) {
        bool ok = false;
        const double value = part.trimmed().toDouble(&ok);
        if (!ok)
            return fallback;
        values.append(value);
    }
    return values;
}

QString writeTriple(const QList<double> &values)
{
    QStringList parts;
    for (double value : values)
        parts.append(QString::number(value, 'g', 6));
    return parts.join(QStringLiteral(", "));
}

} // namespace

Settings Settings::load(const QSettings &settings)
{
    Settings s;
    s.catalogLocation = settings.value(kCatalogLocation).toString();
    s.cacheFolder = settings.value(kCacheFolder).toString();
    s.cacheLimitMiB = std::max(0, settings.value(kCacheLimit, s.cacheLimitMiB).toInt());
    s.workerCount = std::clamp(settings.value(kWorkers, s.workerCount).toInt(), 0, 64);
    s.language = settings.value(kLanguage).toString();
    s.writeSidecars = settings.value(kSidecars, s.writeSidecars).toBool();
    CaptionSettings &c = s.caption;
    c.serverUrl = settings.value(kServerUrl, c.serverUrl).toString();
    c.model = settings.value(kModel, c.model).toString();
    c.promptTemplate = settings.value(kPrompt, c.promptTemplate).toString();
    c.torchModelPath = settings.value(kTorchModel, c.torchModelPath).toString();
    c.generator = readGenerator(settings, c.torchModelPath);
    c.inputSize = std::clamp(settings.value(kInputSize, c.inputSize).toInt(), 16, 4096);
    c.mean = readTriple(settings, kMean, c.mean);
    c.std = readTriple(settings, kStd, c.std);
    return s;
}

Settings Settings::load()
{
    return load(QSettings());
}

void Settings::save(QSettings &settings) const
{
    settings.setValue(kCatalogLocation, catalogLocation);
    settings.setValue(kCacheFolder, cacheFolder);
    settings.setValue(kCacheLimit, cacheLimitMiB);
    settings.setValue(kWorkers, workerCount);
    settings.setValue(kLanguage, language);
    settings.setValue(kSidecars, writeSidecars);
    settings.setValue(kGenerator, generatorName(caption.generator));
    settings.setValue(kGeneratorNames, kCurrentGeneratorNames);
    settings.setValue(kServerUrl, caption.serverUrl);
    settings.setValue(kModel, caption.model);
    settings.setValue(kPrompt, caption.promptTemplate);
    settings.setValue(kTorchModel, caption.torchModelPath);
    settings.setValue(kInputSize, caption.inputSize);
    settings.setValue(kMean, writeTriple(caption.mean));
    settings.setValue(kStd, writeTriple(caption.std));
}

Status Settings::save() const
{
    QSettings settings;
    save(settings);
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return Error::io(QCoreApplication::translate("Settings", "The preferences could not be saved to %1.")
                             .arg(settings.fileName()));
    return {};
}

QString Settings::effectiveCacheFolder() const
{
    return cacheFolder.trimmed().isEmpty() ? paths::cacheFolder() : QDir::cleanPath(cacheFolder.trimmed());
}

int Settings::effectiveWorkerCount() const
{
    return workerCount > 0 ? workerCount : std::max(1, QThread::idealThreadCount());
}

QString Settings::secretsFile()
{
    // GenericConfigLocation + "Stills", next to Stills.conf.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("Stills/secrets.conf"));
}

Result<QString> Settings::captionApiKey(const QString &file)
{
    if (!QFileInfo::exists(file))
        return QString();
    const QSettings secrets(file, QSettings::IniFormat);
    if (secrets.status() != QSettings::NoError)
        return Error::io(QCoreApplication::translate("Settings", "The key file %1 could not be read.").arg(file));
    return secrets.value(kApiKey).toString();
}

Status Settings::setCaptionApiKey(const QString &key, const QString &file)
{
    const QFileInfo info(file);
    if (!QDir().mkpath(info.absolutePath()))
        return Error::io(QCoreApplication::translate("Settings", "Could not create the folder %1.").arg(info.absolutePath()));
    constexpr auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    // Create the file private before anything is written to it; QSettings keeps the permissions
    // of the file it replaces, and they are set again afterwards in case it did not.
    if (!info.exists()) {
        QFile create(file);
        if (!create.open(QIODevice::WriteOnly) || !create.setPermissions(ownerOnly))
            return Error::io(QCoreApplication::translate("Settings", "The key file %1 could not be created: %2")
                                 .arg(file, create.errorString()));
    } else if (!QFile::setPermissions(file, ownerOnly)) {
        return Error::io(QCoreApplication::translate("Settings", "The key file %1 could not be made private.").arg(file));
    }
    {
        QSettings secrets(file, QSettings::IniFormat);
        if (key.isEmpty())
            secrets.remove(kApiKey);
        else
            secrets.setValue(kApiKey, key);
        secrets.sync();
        if (secrets.status() != QSettings::NoError)
            return Error::io(QCoreApplication::translate("Settings", "The key file %1 could not be written.").arg(file));
    }
    if (!QFile::setPermissions(file, ownerOnly))
        return Error::io(QCoreApplication::translate("Settings", "The key file %1 could not be made private.").arg(file));
    return {};
}

} // namespace stills
