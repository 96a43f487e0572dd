#pragma once

#include "common/result.h"

#include <QList>
#include <QString>

class QSettings;

namespace stills {

// How captions are generated (read by the caption workers; edited in Preferences).
struct CaptionSettings {
    enum class Generator {
        BuiltIn,      // the model-free composer (pixels, attributes, tags, lens)
        OpenAiServer, // an OpenAI-compatible chat server (llama.cpp, vLLM, Ollama, …)
        TorchScript,  // a TorchScript model run by stills-infer
    };
    Generator generator = Generator::BuiltIn;
    // OpenAI-compatible server. The API key is not here: see Settings::captionApiKey().
    QString serverUrl = QStringLiteral("http://localhost:8080/v1");
    QString model;
    QString promptTemplate = QStringLiteral("Describe this film still in one sentence: subject, setting, light, framing.");
    // TorchScript model.
    QString torchModelPath;
    int inputSize = 224;
    QList<double> mean{0.485, 0.456, 0.406};
    QList<double> std{0.229, 0.224, 0.225};

    bool operator==(const CaptionSettings &) const = default;
};

// The user's preferences, read from and written to QSettings (the application's organisation and
// name must be set: ~/.config/Stills/Stills.conf on Linux). A plain value: load, change, save.
// No widgets; thread-safe in the sense that QSettings is (each call uses its own QSettings object).
struct Settings {
    // Catalog URL or SQLite path; empty = the default catalog in the data folder. The window keeps
    // it up to date with the catalog it has open.
    QString catalogLocation;
    // Thumbnail cache folder; empty = the user's cache folder (~/.cache/Stills).
    QString cacheFolder;
    // Disk budget of the thumbnail cache in MiB; the oldest thumbnails go first. 0 = no limit.
    int cacheLimitMiB = 4096;
    // Background workers for thumbnails; 0 = one per core.
    int workerCount = 0;
    // UI language: empty = follow the system locale, else "en", "de", "fr".
    QString language;
    // Write ratings, flags, labels and tags to XMP sidecars next to the images.
    bool writeSidecars = true;
    CaptionSettings caption;

    bool operator==(const Settings &) const = default;

    static Settings load(const QSettings &settings);
    static Settings load(); // from the default QSettings
    void save(QSettings &settings) const;
    Status save() const; // to the default QSettings; fails when the file cannot be written

    QString effectiveCacheFolder() const; // cacheFolder, else paths::cacheFolder()
    int effectiveWorkerCount() const;     // workerCount, else QThread::idealThreadCount()

    // The caption server's API key lives outside Stills.conf and outside the catalog: in its own
    // file readable by the user only (0600), <config folder>/Stills/secrets.conf.
    static QString secretsFile();
    static Result<QString> captionApiKey(const QString &file = secretsFile());
    // An empty key removes it. Errors: Io when the file cannot be written or protected.
    static Status setCaptionApiKey(const QString &key, const QString &file = secretsFile());
};

} // namespace stills
