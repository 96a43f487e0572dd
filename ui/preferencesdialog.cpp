#include "preferencesdialog.h"

#include "catalog/catalog.h"
#include "catalog/catalogurl.h"
#include "common/languages.h"
#include "imaging/thumbnaildiskcache.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace stills {

namespace {

// A line edit with a "Browse…" button next to it.
QWidget *withBrowse(QLineEdit *edit, QPushButton *button)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(button);
    return row;
}

QLabel *note(const QString &text)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

PreferencesDialog::PreferencesDialog(const Settings &settings, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    auto *tabs = new QTabWidget(this);
    tabs->addTab(buildGeneralPage(), tr("General"));
    tabs->addTab(buildCatalogPage(), tr("Catalog"));
    tabs->addTab(buildThumbnailPage(), tr("Thumbnails"));
    tabs->addTab(buildCaptionPage(), tr("Captions"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);

    connect(&m_test, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome outcome = m_test.result();
        m_testButton->setEnabled(true);
        m_connectionResult->setText(outcome.message);
        Q_EMIT connectionTested(outcome.ok, outcome.message);
    });
    connect(&m_clear, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome outcome = m_clear.result();
        m_clearButton->setEnabled(true);
        m_cacheUsage->setText(outcome.message);
        Q_EMIT cacheCleared(outcome.message);
    });

    setSettings(settings);
    auto key = Settings::captionApiKey();
    if (key)
        setApiKey(*key);
    else
        m_apiKey->setPlaceholderText(key.error().message);
    resize(620, sizeHint().height());
}

PreferencesDialog::~PreferencesDialog()
{
    m_test.waitForFinished();
    m_clear.waitForFinished();
}

QWidget *PreferencesDialog::buildGeneralPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_language = new QComboBox(page);
    m_language->addItem(tr("System language (%1)").arg(languages::nativeName(languages::resolve(QString()))), QString());
    const QStringList codes = languages::available();
    for (const QString &code : codes)
        m_language->addItem(languages::nativeName(code), code);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), note(tr("A new language takes effect when Stills is started again.")));

    m_sidecars = new QCheckBox(tr("Write ratings, flags, labels and tags to XMP &sidecars"), page);
    m_sidecars->setToolTip(tr("photo.jpg.xmp next to each image, read by digiKam, Lightroom, darktable and exiftool"));
    form->addRow(m_sidecars);

    m_workers = new QSpinBox(page);
    m_workers->setRange(0, 64);
    m_workers->setSpecialValueText(tr("Automatic (%n)", nullptr, std::max(1, QThread::idealThreadCount())));
    form->addRow(tr("Background &workers:"), m_workers);
    form->addRow(QString(), note(tr("Threads that make thumbnails. Fewer leave more of the computer to other work.")));
    return page;
}

QWidget *PreferencesDialog::buildCatalogPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_catalog = new QLineEdit(page);
    m_catalog->setPlaceholderText(tr("The default catalog in your data folder"));
    m_catalog->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Catalog File"), m_catalog->text(),
                                                          tr("Stills catalogs (*.db);;All files (*)"), nullptr,
                                                          QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_catalog->setText(file);
    });
    form->addRow(tr("&Catalog:"), withBrowse(m_catalog, browse));
    form->addRow(QString(), note(tr("A SQLite file (a path or sqlite:///path/catalog.db), or a PostgreSQL server for a "
                                    "team: postgresql://user:password@host:5432/database. The database must exist; "
                                    "Stills creates its tables.")));
    m_testButton = new QPushButton(tr("&Test Connection"), page);
    connect(m_testButton, &QPushButton::clicked, this, &PreferencesDialog::testConnection);
    m_connectionResult = new QLabel(page);
    m_connectionResult->setWordWrap(true);
    m_connectionResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(QString(), m_testButton);
    form->addRow(QString(), m_connectionResult);
    return page;
}

QWidget *PreferencesDialog::buildThumbnailPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_cacheFolder = new QLineEdit(page);
    m_cacheFolder->setPlaceholderText(Settings().effectiveCacheFolder());
    m_cacheFolder->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Thumbnail Cache Folder"), m_cacheFolder->text());
        if (!folder.isEmpty())
            m_cacheFolder->setText(folder);
    });
    form->addRow(tr("Cache &folder:"), withBrowse(m_cacheFolder, browse));
    form->addRow(QString(), note(tr("A new folder takes effect when Stills is started again.")));

    m_cacheLimit = new QSpinBox(page);
    m_cacheLimit->setRange(0, 1024 * 1024);
    m_cacheLimit->setSingleStep(256);
    m_cacheLimit->setSuffix(tr(" MiB"));
    m_cacheLimit->setSpecialValueText(tr("No limit"));
    form->addRow(tr("Size &limit:"), m_cacheLimit);

    m_cacheUsage = new QLabel(page);
    m_clearButton = new QPushButton(tr("C&lear Cache"), page);
    m_clearButton->setToolTip(tr("Remove every thumbnail on disk; they are made again when needed"));
    connect(m_clearButton, &QPushButton::clicked, this, &PreferencesDialog::clearCache);
    auto *row = new QHBoxLayout;
    row->addWidget(m_cacheUsage, 1);
    row->addWidget(m_clearButton);
    form->addRow(QString(), row);
    return page;
}

QWidget *PreferencesDialog::buildCaptionPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *top = new QFormLayout;
    m_generator = new QComboBox(page);
    m_generator->setObjectName(QStringLiteral("generator"));
    m_generator->addItem(tr("Built-in (no model)"), int(CaptionSettings::Generator::BuiltIn));
    m_generator->addItem(tr("OpenAI-compatible server"), int(CaptionSettings::Generator::OpenAiServer));
    m_generator->addItem(tr("TorchScript model"), int(CaptionSettings::Generator::TorchScript));
    top->addRow(tr("Caption &generator:"), m_generator);
    layout->addLayout(top);

    // One page per generator, in the combo box's order.
    m_generatorPages = new QStackedWidget(page);
    m_generatorPages->setObjectName(QStringLiteral("generatorPages"));
    // Built-in: the composer, nothing to set.
    auto *builtIn = new QWidget;
    builtIn->setObjectName(QStringLiteral("builtinPage"));
    auto *builtInLayout = new QVBoxLayout(builtIn);
    builtInLayout->setContentsMargins(0, 0, 0, 0);
    builtInLayout->addWidget(note(tr("Composes a caption from what the pixels show (light, contrast, colours, "
                                     "shape) and what the catalog knows (attributes, tags, lens, photoset). "
                                     "No model, no network; the same shot always gets the same caption.")));
    builtInLayout->addStretch(1);
    m_generatorPages->addWidget(builtIn);

    // OpenAI-compatible server.
    auto *server = new QWidget;
    server->setObjectName(QStringLiteral("serverPage"));
    auto *serverForm = new QFormLayout(server);
    serverForm->setContentsMargins(0, 0, 0, 0);
    m_serverUrl = new QLineEdit(server);
    m_serverUrl->setPlaceholderText(QStringLiteral("http://localhost:8080/v1"));
    serverForm->addRow(tr("Server &URL:"), m_serverUrl);
    m_model = new QLineEdit(server);
    serverForm->addRow(tr("M&odel:"), m_model);
    m_apiKey = new QLineEdit(server);
    m_apiKey->setEchoMode(QLineEdit::Password);
    serverForm->addRow(tr("API &key:"), m_apiKey);
    serverForm->addRow(QString(), note(tr("Kept in %1, readable by you only; never in the catalog.")
                                           .arg(Settings::secretsFile())));
    m_prompt = new QPlainTextEdit(server);
    m_prompt->setTabChangesFocus(true);
    m_prompt->setMaximumHeight(90);
    serverForm->addRow(tr("&Prompt:"), m_prompt);
    m_generatorPages->addWidget(server);
    // TorchScript: a model file run by stills-infer.
    auto *torch = new QWidget;
    torch->setObjectName(QStringLiteral("torchscriptPage"));
    auto *torchForm = new QFormLayout(torch);
    torchForm->setContentsMargins(0, 0, 0, 0);
    m_torchModel = new QLineEdit(torch);
    m_torchModel->setObjectName(QStringLiteral("torchModel"));
    auto *browse = new QPushButton(tr("Browse…"), torch);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("TorchScript Model"), m_torchModel->text(),
                                                          tr("TorchScript models (*.pt *.pth *.ts);;All files (*)"));
        if (!file.isEmpty())
            m_torchModel->setText(file);
    });
    torchForm->addRow(tr("&Model file:"), withBrowse(m_torchModel, browse));
    m_inputSize = new QSpinBox(torch);
    m_inputSize->setObjectName(QStringLiteral("inputSize"));
    m_inputSize->setRange(16, 4096);
    m_inputSize->setSuffix(tr(" px"));
    torchForm->addRow(tr("&Input size:"), m_inputSize);
    auto triple = [torch](QDoubleSpinBox *(&boxes)[3]) {
        auto *row = new QWidget(torch);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        const QStringList channels = {tr("R"), tr("G"), tr("B")};
        for (int i = 0; i < 3; ++i) {
            boxes[i] = new QDoubleSpinBox(row);
            boxes[i]->setDecimals(4);
            boxes[i]->setRange(0.0, 255.0);
            boxes[i]->setSingleStep(0.001);
            boxes[i]->setPrefix(channels.at(i) + QStringLiteral(" "));
            h->addWidget(boxes[i]);
        }
        return row;
    };
    torchForm->addRow(tr("Normalisation mean:"), triple(m_mean));
    torchForm->addRow(tr("Normalisation std:"), triple(m_std));
    torchForm->addRow(QString(), note(tr("The model runs in the separate stills-infer worker (package stills-infer).")));
    m_generatorPages->addWidget(torch);
    layout->addWidget(m_generatorPages);
    layout->addStretch(1);

    connect(m_generator, &QComboBox::currentIndexChanged, m_generatorPages, &QStackedWidget::setCurrentIndex);
    return page;
}

void PreferencesDialog::setSettings(const Settings &s)
{
    const int language = m_language->findData(s.language);
    m_language->setCurrentIndex(language < 0 ? 0 : language);
    m_sidecars->setChecked(s.writeSidecars);
    m_workers->setValue(s.workerCount);
    m_catalog->setText(s.catalogLocation);
    m_cacheFolder->setText(s.cacheFolder);
    m_cacheLimit->setValue(s.cacheLimitMiB);
    m_generator->setCurrentIndex(m_generator->findData(int(s.caption.generator)));
    m_serverUrl->setText(s.caption.serverUrl);
    m_model->setText(s.caption.model);
    m_prompt->setPlainText(s.caption.promptTemplate);
    m_torchModel->setText(s.caption.torchModelPath);
    m_inputSize->setValue(s.caption.inputSize);
    for (int i = 0; i < 3; ++i) {
        m_mean[i]->setValue(s.caption.mean.value(i));
        m_std[i]->setValue(s.caption.std.value(i));
    }
    updateCacheUsage();
}

Settings PreferencesDialog::settings() const
{
    Settings s;
    s.language = m_language->currentData().toString();
    s.writeSidecars = m_sidecars->isChecked();
    s.workerCount = m_workers->value();
    s.catalogLocation = m_catalog->text().trimmed();
    s.cacheFolder = m_cacheFolder->text().trimmed();
    s.cacheLimitMiB = m_cacheLimit->value();
    s.caption.generator = static_cast<CaptionSettings::Generator>(m_generator->currentData().toInt());
    s.caption.serverUrl = m_serverUrl->text().trimmed();
    s.caption.model = m_model->text().trimmed();
    s.caption.promptTemplate = m_prompt->toPlainText();
    s.caption.torchModelPath = m_torchModel->text().trimmed();
    s.caption.inputSize = m_inputSize->value();
    s.caption.mean.clear();
    s.caption.std.clear();
    for (int i = 0; i < 3; ++i) {
        s.caption.mean.append(m_mean[i]->value());
        s.caption.std.append(m_std[i]->value());
    }
    return s;
}

QString PreferencesDialog::apiKey() const
{
    return m_apiKey->text();
}

void PreferencesDialog::setApiKey(const QString &key)
{
    m_apiKey->setText(key);
}

bool PreferencesDialog::save()
{
    const Settings s = settings();
    if (!s.catalogLocation.isEmpty()) {
        if (auto url = CatalogUrl::parse(s.catalogLocation); !url) {
            QMessageBox::warning(this, tr("Preferences"), tr("The catalog location is not valid.\n\n%1").arg(url.error().message));
            return false;
        }
    }
    for (double value : s.caption.std) {
        if (value <= 0.0) {
            QMessageBox::warning(this, tr("Preferences"), tr("The normalisation std must be greater than zero."));
            return false;
        }
    }
    if (auto saved = s.save(); !saved) {
        QMessageBox::warning(this, tr("Preferences"), saved.error().message);
        return false;
    }
    auto stored = Settings::captionApiKey();
    if (!stored || *stored != apiKey()) {
        if (auto written = Settings::setCaptionApiKey(apiKey()); !written) {
            QMessageBox::warning(this, tr("Preferences"),
                                 tr("The other preferences were saved, but not the API key.\n\n%1").arg(written.error().message));
            return false;
        }
    }
    return true;
}

void PreferencesDialog::accept()
{
    if (save())
        QDialog::accept();
}

void PreferencesDialog::testConnection()
{
    if (m_test.isRunning())
        return;
    const QString location = m_catalog->text().trimmed();
    m_testButton->setEnabled(false);
    m_connectionResult->setText(tr("Connecting…"));
    // Off the GUI thread: a server that does not answer takes up to the connect timeout (5 s).
    // The catalog is opened read-only: testing never creates or migrates anything.
    m_test.setFuture(QtConcurrent::run([location]() -> Outcome {
        if (location.isEmpty())
            return {true, tr("The default catalog in your data folder is used.")};
        auto url = CatalogUrl::parse(location);
        if (!url)
            return {false, tr("Not a catalog location: %1").arg(url.error().message)};
        auto catalog = Catalog::open(*url, Catalog::OpenMode::ReadOnly);
        if (catalog) {
            const int version = (*catalog)->schemaVersion();
            return {true, tr("Connected: a Stills catalog (schema %1) at %2.").arg(version).arg(url->toDisplayString())};
        }
        if (catalog.error().code == Error::Code::NotFound)
            return {true, url->isSqlite() ? tr("There is no catalog file there yet; Stills will create it.")
                                          : tr("Connected. The database holds no catalog yet; Stills will create its "
                                               "tables when it opens it.")};
        return {false, tr("Connection failed: %1").arg(catalog.error().message)};
    }));
}

void PreferencesDialog::updateCacheUsage()
{
    // Walking a large cache takes a while: count off the GUI thread.
    const QString folder = settings().effectiveCacheFolder();
    m_cacheUsage->setText(tr("Counting thumbnails…"));
    QtConcurrent::run([folder] { return ThumbnailDiskCache::usage(folder); })
        .then(this, [this](const ThumbnailDiskCache::Usage &usage) {
            if (m_clear.isRunning())
                return;
            m_cacheUsage->setText(tr("%n thumbnail(s), %1 on disk", nullptr, int(std::min<qint64>(usage.files, INT_MAX)))
                                      .arg(QLocale().formattedDataSize(usage.bytes)));
        });
}

void PreferencesDialog::clearCache()
{
    if (m_clear.isRunning())
        return;
    const QString folder = settings().effectiveCacheFolder();
    m_clearButton->setEnabled(false);
    m_clear.setFuture(QtConcurrent::run([folder]() -> Outcome {
        auto cleared = ThumbnailDiskCache::clear(folder);
        if (!cleared)
            return {false, cleared.error().message};
        return {true, tr("Removed %n thumbnail(s) (%1).", nullptr, int(std::min<qint64>(cleared->files, INT_MAX)))
                          .arg(QLocale().formattedDataSize(cleared->bytes))};
    }));
}

} // namespace stills
