#pragma once

#include "catalog/catalog.h"
#include "exporting/exporter.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace stills {

class JobQueue;

// File ▸ Export…: the selection or a query (a photoset, a saved search) to a ZIP or a folder, with
// the recipe's choices (originals or crops, size, format, caption sidecars, manifest), recipes
// saved by name, progress and Cancel. The export is a job of the window's queue: the dialog shows
// its progress and result while it is open; Cancel stops it (the exporter leaves nothing under the
// target name); closing the dialog after that leaves a running export to the Jobs panel.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(CatalogPtr catalog, JobQueue *queue, QList<qint64> selectedShots, QWidget *parent = nullptr);
    ~ExportDialog() override;
    // What the window shows (the open photoset, the search or saved search in force): offered as
    // the query, chosen when nothing is selected.
    void setQueryText(const QString &text);

protected:
    void reject() override;

private:
    ExportRecipe recipeFromForm() const;
    void showRecipe(const ExportRecipe &recipe);
    void saveRecipe();
    void loadRecipe(const QString &name);
    void browse();
    void start();
    void finished(const QString &summary);
    void setRunning(bool running);

    CatalogPtr m_catalog;
    QPointer<JobQueue> m_queue;
    qint64 m_job = 0; // the export this dialog started and follows
    QList<qint64> m_selected;
    ExportRecipeStore m_recipes;

    QRadioButton *m_useSelection = nullptr;
    QRadioButton *m_useQuery = nullptr;
    QLineEdit *m_query = nullptr;
    QLineEdit *m_target = nullptr;
    QComboBox *m_recipeBox = nullptr;
    QComboBox *m_images = nullptr;
    QLineEdit *m_cropName = nullptr;
    QSpinBox *m_maxEdge = nullptr;
    QSpinBox *m_trainingSize = nullptr;
    QComboBox *m_format = nullptr;
    QSpinBox *m_quality = nullptr;
    QComboBox *m_caption = nullptr;
    QCheckBox *m_manifest = nullptr;
    QProgressBar *m_progress = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace stills
