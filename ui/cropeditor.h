#pragma once

#include "catalog/catalog.h"
#include "catalogcommand.h"
#include "cropcommands.h"
#include "domain/shot.h"

#include <QHash>
#include <QThreadPool>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QUndoStack;

namespace stills {

class CropCanvas;

// The crop editor: a page of the window with the large image (CropCanvas) and a side panel — the
// shot's named crops (add, rename, delete), the aspect preset, quarter turns, straightening,
// Suggest (Saliency), Reset, the output size and the training-size warning.
//
// Every change to the catalog is a command on the window's undo stack, run off the GUI thread by
// `run` (the window's edit pool): Apply (Enter) saves the crop shown and closes, Cancel (Escape)
// closes and drops the unsaved changes; switching to another crop, New, Rename and Delete save at
// once. After an edit ran, the window calls reloadCrops(): the list comes back from the catalog on
// the editor's own thread, so undo and redo show up here too. The image is decoded for the screen
// and the suggestion computed on the editor's image thread; the newest request wins.
//
// How to wire: add it to the window's page stack, call setCatalog() whenever the catalog changes,
// openShot() to start, reloadCrops() after each finished edit, and leave the page on closed().
class CropEditor : public QWidget
{
    Q_OBJECT

public:
    CropEditor(QUndoStack *undo, CatalogCommand::Runner run, QWidget *parent = nullptr);
    ~CropEditor() override;

    void setCatalog(CatalogPtr catalog);
    // `standIn` is shown until the decode for the screen arrives.
    void openShot(const Shot &shot, const QImage &standIn);
    void reloadCrops();

    void apply();  // saves the crop shown (undoable), then closed()
    void cancel(); // closed(), unsaved changes dropped
    void suggest();

    // For the window and tests.
    qint64 shotId() const { return m_shot.id; }
    CropCanvas *canvas() const { return m_canvas; }
    QComboBox *aspectBox() const { return m_aspectBox; }
    QComboBox *cropBox() const { return m_cropBox; }
    QSlider *straightenSlider() const { return m_straighten; }
    QString warningText() const;
    QString infoText() const;
    QStringList cropNames() const;
    bool isBusy() const { return m_loadingImage || m_loadingCrops || m_suggesting; }
    bool isDirty() const;

Q_SIGNALS:
    void closed();
    void cropsLoaded();
    void imageLoaded();
    void suggested();

private:
    struct Entry {
        Crop saved; // as in the catalog (or as last saved from here); for a draft, its starting point
        commands::CropSlotPtr slot;
        bool draft = false; // not in the catalog: the shot has no crop yet
    };

    void loadImage(const QString &path);
    void setEntries(const QList<Crop> &crops);
    commands::CropSlotPtr slotFor(const Crop &crop);
    Entry draftEntry() const;
    void dropLoadedCrops();
    void commitCurrent(bool includeDraft);
    int indexOf(const commands::CropSlotPtr &slot) const;
    void choose(int index);
    void newCrop();
    void renameCrop();
    void deleteCrop();
    QString askName(const QString &title, const QString &label, const QString &suggestion);
    void refreshControls();
    void refreshInfo();

    CatalogPtr m_catalog;
    QUndoStack *m_undo;
    CatalogCommand::Runner m_run;
    QThreadPool m_catalogPool; // one thread: crop lists
    QThreadPool m_imagePool;   // one thread: decodes and suggestions
    quint64 m_imageGeneration = 0;
    quint64 m_cropGeneration = 0;
    quint64 m_suggestGeneration = 0;
    bool m_loadingImage = false; // each follows the newest request of its kind
    bool m_loadingCrops = false;
    bool m_suggesting = false;

    Shot m_shot;
    QSize m_sourceSize;
    QList<Entry> m_entries;
    int m_current = -1;
    QHash<qint64, QList<commands::CropSlotPtr>> m_slots; // per shot, for as long as the catalog is open
    bool m_updating = false;
    QString m_problem; // the image or the crops could not be read

    CropCanvas *m_canvas;
    QLabel *m_title;
    QComboBox *m_cropBox;
    QPushButton *m_newButton;
    QPushButton *m_renameButton;
    QPushButton *m_deleteButton;
    QComboBox *m_aspectBox;
    QSlider *m_straighten;
    QLabel *m_straightenValue;
    QLabel *m_info;
    QLabel *m_warning;
};

} // namespace stills
