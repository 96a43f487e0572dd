#pragma once

// How to wire ("Photoset ▸ Edit…" / "New Photoset…"):
//     load:  PhotosetEdits::load(catalog, id) off the GUI thread (or build a PhotosetEdit for a new set)
//     edit:  if (auto edit = PhotosetEditDialog::ask(this, loaded, allTagPaths, genreLabels)) ...
//     save:  PhotosetEditDialog::saveResolvingConflicts(this, *catalog, *edit) — or, to keep SQL off the
//            GUI thread, PhotosetEdits::save() on the edit pool and, on Error::Conflict, re-read with
//            PhotosetEdits::load() and call resolveConflict() on the GUI thread.
// genreLabels: the labels of the "genre" attribute's options (AttributeRepository::all()).

#include "conflictdialog.h"
#include "curating/photosetedits.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace stills {

class Catalog;

// Edits a photoset's fields — name, title, year, date, source URL, description, people, tags,
// genre — with validation; "new photoset" mode when the edit's photoset.id is 0. GUI thread only;
// the dialog itself runs no SQL.
class PhotosetEditDialog : public QDialog
{
    Q_OBJECT

public:
    PhotosetEditDialog(const PhotosetEdit &edit, const QStringList &tagPaths, const QStringList &genres,
                       QWidget *parent = nullptr);

    static std::optional<PhotosetEdit> ask(QWidget *parent, const PhotosetEdit &edit, const QStringList &tagPaths,
                                           const QStringList &genres);

    bool isNew() const { return m_original.photoset.id == 0; }
    // The edit as the fields hold it (id and version from the original).
    PhotosetEdit edit() const;
    // What is wrong with the fields, one sentence each; empty when they can be saved.
    QStringList problems() const;

    static constexpr int EarliestYear = 1826; // the oldest surviving photograph

    // Asks which version to keep after PhotosetEdits::save() returned Conflict. `theirs` is the row
    // as re-read. KeepTheirs/Cancel: nothing to save. OverwriteMine: `*toSave` is `mine` with the
    // version of `theirs`, ready for save().
    static ConflictDialog::Choice resolveConflict(QWidget *parent, const PhotosetEdit &mine, const PhotosetEdit &theirs,
                                                  PhotosetEdit *toSave);
    static QList<ConflictDialog::Field> conflictFields(const PhotosetEdit &mine, const PhotosetEdit &theirs);

    // Saves, and on Conflict re-reads the row and asks (repeats while the row keeps moving).
    // Blocks the calling (GUI) thread for the two or three small statements this takes; returns the
    // photoset id, or Error::Cancelled when the user kept theirs or cancelled.
    static Result<qint64> saveResolvingConflicts(QWidget *parent, const Catalog &catalog, PhotosetEdit edit);

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *yearEdit() const { return m_year; }
    QLineEdit *dateEdit() const { return m_date; }
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *peopleEdit() const { return m_people; }
    QLineEdit *tagsEdit() const { return m_tags; }
    QComboBox *genreBox() const { return m_genre; }
    QPlainTextEdit *descriptionEdit() const { return m_description; }
    QLineEdit *titleEdit() const { return m_title; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void updateState();

    PhotosetEdit m_original;
    QStringList m_tagPaths;
    QLineEdit *m_name;
    QLineEdit *m_title;
    QLineEdit *m_year;
    QLineEdit *m_date;
    QLineEdit *m_url;
    QComboBox *m_genre;
    QLineEdit *m_people;
    QLineEdit *m_tags;
    QPlainTextEdit *m_description;
    QLabel *m_problems;
    QDialogButtonBox *m_buttons;
};

} // namespace stills
