#pragma once

#include "common/settings.h"

#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace stills {

// Edit ▸ Preferences: catalog, thumbnail cache, background workers, captions, language, sidecars.
// It edits a Settings value; OK writes it (and the caption API key, to its private file) and
// closes. What the change means for the running window is the caller's business (see
// MainWindow::applySettings).
//
// "Test Connection" and "Clear Cache" run off the GUI thread; the dialog stays responsive and the
// PostgreSQL connect is bounded by the catalog's connect timeout (5 s).
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(const Settings &settings, QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    Settings settings() const; // as the widgets say now
    void setSettings(const Settings &settings);
    QString apiKey() const;
    void setApiKey(const QString &key);

    // Validates and writes settings() and apiKey(); false (after telling the user) when something
    // cannot be saved or is not valid.
    bool save();

    void testConnection();
    void clearCache();
    bool isTesting() const { return m_test.isRunning(); }

    // For tests.
    QLineEdit *catalogEdit() const { return m_catalog; }
    QLabel *connectionLabel() const { return m_connectionResult; }

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void connectionTested(bool ok, const QString &message);
    void cacheCleared(const QString &message);

private:
    QWidget *buildGeneralPage();
    QWidget *buildCatalogPage();
    QWidget *buildThumbnailPage();
    QWidget *buildCaptionPage();
    void updateCacheUsage();

    QComboBox *m_language = nullptr;
    QCheckBox *m_sidecars = nullptr;
    QSpinBox *m_workers = nullptr;
    QLineEdit *m_catalog = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_connectionResult = nullptr;
    QLineEdit *m_cacheFolder = nullptr;
    QSpinBox *m_cacheLimit = nullptr;
    QLabel *m_cacheUsage = nullptr;
    QPushButton *m_clearButton = nullptr;
    QComboBox *m_generator = nullptr;
    QStackedWidget *m_generatorPages = nullptr;
    QLineEdit *m_serverUrl = nullptr;
    QLineEdit *m_model = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QPlainTextEdit *m_prompt = nullptr;
    QLineEdit *m_torchModel = nullptr;
    QSpinBox *m_inputSize = nullptr;
    QDoubleSpinBox *m_mean[3] = {};
    QDoubleSpinBox *m_std[3] = {};

    struct Outcome {
        bool ok = false;
        QString message;
    };
    QFutureWatcher<Outcome> m_test;
    QFutureWatcher<Outcome> m_clear;
};

} // namespace stills
