#include "inspectorpanel.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace stills {

InspectorPanel::InspectorPanel(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_form(new QFormLayout)
{
    auto *layout = new QVBoxLayout(this);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.15);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("QLabel { background: #6b2b2b; color: #ffe0e0; padding: 6px; border-radius: 3px; }"));
    m_problem->hide();
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight);
    layout->addWidget(m_heading);
    layout->addWidget(m_problem);
    layout->addLayout(m_form);
    layout->addStretch(1);
    setMinimumWidth(220);
    clear();
}

void InspectorPanel::setField(const QString &label, const QString &value)
{
    for (const auto &[name, field] : std::as_const(m_fields)) {
        if (name->text() == label) {
            field->setText(value);
            name->setVisible(!value.isEmpty());
            field->setVisible(!value.isEmpty());
            return;
        }
    }
    auto *name = new QLabel(label, this);
    auto *field = new QLabel(value, this);
    field->setWordWrap(true);
    field->setTextInteractionFlags(Qt::TextSelectableByMouse);
    name->setVisible(!value.isEmpty());
    field->setVisible(!value.isEmpty());
    m_form->addRow(name, field);
    m_fields.append(std::make_pair(name, field));
}

QString InspectorPanel::fieldText(const QString &label) const
{
    for (const auto &[name, field] : m_fields)
        if (name->text() == label)
            return field->isVisibleTo(this) ? field->text() : QString();
    return {};
}

void InspectorPanel::clear()
{
    m_heading->setText(tr("No shot selected"));
    m_problem->hide();
    for (const auto &[name, field] : std::as_const(m_fields)) {
        name->hide();
        field->hide();
    }
}

void InspectorPanel::showSelectionCount(int count)
{
    clear();
    m_heading->setText(tr("%n shots selected", nullptr, count));
}

void InspectorPanel::showShot(const Shot &shot, const QString &thumbnailFailure)
{
    const QLocale locale;
    const QFileInfo file(shot.path);
    m_heading->setText(file.fileName());

    QString problem;
    if (shot.status == Shot::Status::Failed)
        problem = tr("This file cannot be read: %1").arg(shot.error);
    else if (shot.status == Shot::Status::Unsupported)
        problem = tr("This file is not supported: %1").arg(shot.error);
    else if (shot.status == Shot::Status::Missing)
        problem = tr("This file is missing on disk.");
    else if (!thumbnailFailure.isEmpty())
        problem = tr("This image cannot be shown: %1").arg(thumbnailFailure);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());

    const ExifInfo &e = shot.exif;
    auto number = [&](const std::optional<double> &v, int decimals) {
        return v ? locale.toString(*v, 'f', decimals) : QString();
    };
    QString exposure;
    if (e.exposureTime) {
        const double t = *e.exposureTime;
        exposure = t > 0 && t < 0.5 ? QStringLiteral("1/%1 s").arg(qRound(1.0 / t)) : locale.toString(t, 'g', 3) + QStringLiteral(" s");
    }
    QString gps;
    if (e.gpsLatitude && e.gpsLongitude)
        gps = QStringLiteral("%1, %2").arg(locale.toString(*e.gpsLatitude, 'f', 5), locale.toString(*e.gpsLongitude, 'f', 5));

    setField(tr("Folder"), file.absolutePath());
    setField(tr("Dimensions"), shot.width > 0 ? tr("%1 × %2 px").arg(shot.width).arg(shot.height) : QString());
    setField(tr("Format"), shot.format.toUpper());
    setField(tr("File size"), shot.byteSize > 0 ? locale.formattedDataSize(shot.byteSize) : QString());
    setField(tr("Taken"), e.takenAt.isValid() ? locale.toString(e.takenAt, QLocale::ShortFormat) : QString());
    setField(tr("Camera"), QStringList{e.cameraMake, e.cameraModel}.join(u' ').trimmed());
    setField(tr("Lens"), e.lens);
    setField(tr("Focal length"), e.focalLength ? number(e.focalLength, 0) + QStringLiteral(" mm") : QString());
    setField(tr("Aperture"), e.aperture ? QStringLiteral("f/") + number(e.aperture, 1) : QString());
    setField(tr("Exposure"), exposure);
    setField(tr("ISO"), e.iso ? QString::number(*e.iso) : QString());
    setField(tr("Orientation"), e.orientation > 1 ? tr("EXIF %1").arg(e.orientation) : QString());
    setField(tr("GPS"), gps);
    setField(tr("Title"), shot.title);
    setField(tr("Description"), shot.description);
}

} // namespace stills
