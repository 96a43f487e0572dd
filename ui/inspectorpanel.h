#pragma once

#include "domain/shot.h"

#include <QWidget>

class QFormLayout;
class QLabel;

namespace stills {

// The right pane: what is known of the current shot — file, pixels, format, size, EXIF, title and
// description — and, for a file that cannot be shown, the reason in words.
class InspectorPanel : public QWidget
{
    Q_OBJECT

public:
    explicit InspectorPanel(QWidget *parent = nullptr);

    void showShot(const Shot &shot, const QString &thumbnailFailure = {});
    void showSelectionCount(int count); // several shots selected
    void clear();

    // The value shown for a field label (for tests); empty when the field is hidden.
    QString fieldText(const QString &label) const;

private:
    void setField(const QString &label, const QString &value);

    QLabel *m_heading;
    QLabel *m_problem;
    QFormLayout *m_form;
    QList<std::pair<QLabel *, QLabel *>> m_fields;
};

} // namespace stills
