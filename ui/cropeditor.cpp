#include "cropeditor.h"

#include "catalog/croprepository.h"
#include "cropcanvas.h"
#include "imaging/cropgeometry.h"
#include "imaging/imagedecoder.h"
#include "imaging/saliency.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QSlider>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace stills {

namespace {

const QString kDefaultName = QStringLiteral("default");

bool sameGeometry(const Crop &a, const Crop &b)
{
    const auto near = [](double x, double y) { return std::abs(x - y) < 1e-9; };
    return near(a.rect.x(), b.rect.x()) && near(a.rect.y(), b.rect.y()) && near(a.rect.width(), b.rect.width())
        && near(a.rect.height(), b.rect.height()) && a.aspect == b.aspect && a.rotation == b.rotation
        && near(a.straighten, b.straighten) && a.name == b.name;
}

QPushButton *toolButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setToolTip(tip);
    button->setFocusPolicy(Qt::NoFocus); // the keys stay with the canvas
    return button;
}

} // namespace

CropEditor::CropEditor(QUndoStack *undo, CatalogCommand::Runner run, QWidget *parent)
    : QWidget(parent)
    , m_undo(undo)
    , m_run(std::move(run))
    , m_canvas(new CropCanvas(this))
{
    m_catalogPool.setMaxThreadCount(1);
    m_catalogPool.setExpiryTimeout(-1); // the thread keeps its catalog connection
    m_imagePool.setMaxThreadCount(1);

    auto *panel = new QWidget(this);
    panel->setFixedWidth(300);
    auto *side = new QVBoxLayout(panel);
    m_title = new QLabel(panel);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    side->addWidget(m_title);

    auto *form = new QFormLayout;
    m_cropBox = new QComboBox(panel);
    m_cropBox->setToolTip(tr("The shot's named crops; choosing another saves the changes to this one"));
    form->addRow(tr("Crop:"), m_cropBox);
    auto *cropButtons = new QHBoxLayout;
    m_newButton = toolButton(tr("New…"), tr("Add a crop to this shot, starting from the one shown"), panel);
    m_renameButton = toolButton(tr("Rename…"), tr("Rename the crop shown"), panel);
    m_deleteButton = toolButton(tr("Delete"), tr("Delete the crop shown (Ctrl+Z brings it back)"), panel);
    cropButtons->addWidget(m_newButton);
    cropButtons->addWidget(m_renameButton);
    cropButtons->addWidget(m_deleteButton);
    form->addRow(QString(), cropButtons);
    m_aspectBox = new QComboBox(panel);
    for (const AspectPreset &preset : CropGeometry::presets())
        m_aspectBox->addItem(CropGeometry::displayName(preset), preset.key);
    m_aspectBox->setToolTip(tr("The shape of the crop; a training size also warns when the crop has fewer pixels"));
    form->addRow(tr("Aspect:"), m_aspectBox);
    auto *turns = new QHBoxLayout;
    auto *turnLeft = toolButton(tr("⟲ 90°"), tr("Turn the crop anticlockwise ([)"), panel);
    auto *turnRight = toolButton(tr("⟳ 90°"), tr("Turn the crop clockwise (])"), panel);
    turns->addWidget(turnLeft);
    turns->addWidget(turnRight);
    form->addRow(tr("Turn:"), turns);
    auto *straightenRow = new QHBoxLayout;
    m_straighten = new QSlider(Qt::Horizontal, panel);
    m_straighten->setRange(-450, 450); // tenths of a degree
    m_straighten->setPageStep(10);
    m_straighten->setToolTip(tr("Straighten: turn the image up to 45° either way about the crop's centre"));
    m_straightenValue = new QLabel(panel);
    m_straightenValue->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("-45.0°")) + 4);
    m_straightenValue->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    straightenRow->addWidget(m_straighten, 1);
    straightenRow->addWidget(m_straightenValue);
    form->addRow(tr("Straighten:"), straightenRow);
    side->addLayout(form);

    auto *actions = new QHBoxLayout;
    auto *suggestButton = toolButton(tr("Suggest"), tr("Place the crop on what stands out in the image"), panel);
    auto *resetButton = toolButton(tr("Reset"), tr("The largest crop of this aspect"), panel);
    actions->addWidget(suggestButton);
    actions->addWidget(resetButton);
    side->addLayout(actions);

    m_info = new QLabel(panel);
    m_info->setWordWrap(true);
    side->addWidget(m_info);
    m_warning = new QLabel(panel);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("QLabel { color: #e0a030; }"));
    m_warning->hide();
    side->addWidget(m_warning);
    side->addStretch(1);
    auto *hint = new QLabel(tr("Drag to draw, move or resize. Arrows move, Shift+arrows resize, Ctrl for larger "
                               "steps; [ and ] turn. Enter applies, Escape cancels."),
                            panel);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    side->addWidget(hint);
    auto *buttons = new QHBoxLayout;
    auto *cancelButton = toolButton(tr("Cancel"), tr("Leave without saving the changes to this crop (Escape)"), panel);
    auto *applyButton = toolButton(tr("Apply"), tr("Save the crop and leave (Enter)"), panel);
    applyButton->setDefault(true);
    buttons->addWidget(cancelButton);
    buttons->addWidget(applyButton);
    side->addLayout(buttons);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_canvas, 1);
    layout->addWidget(panel);

    connect(m_canvas, &CropCanvas::cropChanged, this, &CropEditor::refreshInfo);
    connect(m_canvas, &CropCanvas::applyRequested, this, &CropEditor::apply);
    connect(m_canvas, &CropCanvas::cancelRequested, this, &CropEditor::cancel);
    connect(m_canvas, &CropCanvas::turnRequested, m_canvas, &CropCanvas::turn);
    connect(turnLeft, &QPushButton::clicked, this, [this] { m_canvas->turn(-1); });
    connect(turnRight, &QPushButton::clicked, this, [this] { m_canvas->turn(1); });
    connect(suggestButton, &QPushButton::clicked, this, &CropEditor::suggest);
    connect(resetButton, &QPushButton::clicked, m_canvas, &CropCanvas::reset);
    connect(applyButton, &QPushButton::clicked, this, &CropEditor::apply);
    connect(cancelButton, &QPushButton::clicked, this, &CropEditor::cancel);
    connect(m_newButton, &QPushButton::clicked, this, &CropEditor::newCrop);
    connect(m_renameButton, &QPushButton::clicked, this, &CropEditor::renameCrop);
    connect(m_deleteButton, &QPushButton::clicked, this, &CropEditor::deleteCrop);
    connect(m_aspectBox, &QComboBox::activated, this, [this](int index) {
        m_canvas->setAspect(m_aspectBox->itemData(index).toString());
        m_canvas->setFocus();
    });
    connect(m_cropBox, &QComboBox::activated, this, [this](int index) {
        choose(index);
        m_canvas->setFocus();
    });
    connect(m_straighten, &QSlider::valueChanged, this, [this](int tenths) {
        if (!m_updating)
            m_canvas->setStraighten(tenths / 10.0);
    });
    connect(m_straighten, &QSlider::sliderReleased, m_canvas, [this] { m_canvas->setFocus(); });
    // Enter and Escape from anywhere on the page (a combo box or the slider may have the focus).
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &CropEditor::apply);
    }
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &CropEditor::cancel);
    refreshControls();
}

CropEditor::~CropEditor()
{
    ++m_imageGeneration;
    ++m_cropGeneration;
    ++m_suggestGeneration;
    m_imagePool.clear();
    m_imagePool.waitForDone();
    m_catalogPool.clear();
    m_catalogPool.waitForDone();
    if (m_catalog) {
        const CatalogPtr catalog = m_catalog;
        m_catalogPool.start([catalog] { catalog->releaseThreadConnection(); });
        m_catalogPool.waitForDone();
    }
}

void CropEditor::setCatalog(CatalogPtr catalog)
{
    ++m_cropGeneration;
    m_catalogPool.clear();
    m_catalogPool.waitForDone();
    if (m_catalog) {
        // The thread's connection belongs to the catalog being closed.
        const CatalogPtr old = m_catalog;
        m_catalogPool.start([old] { old->releaseThreadConnection(); });
        m_catalogPool.waitForDone();
    }
    m_catalog = std::move(catalog);
    m_slots.clear();
    m_entries.clear();
    m_current = -1;
    m_shot = Shot();
    m_loadingCrops = false;
    refreshControls();
}

void CropEditor::openShot(const Shot &shot, const QImage &standIn)
{
    m_shot = shot;
    // Aspects and the output are measured on the original, upright.
    m_sourceSize = CropGeometry::uprightSize(QSize(shot.width, shot.height), shot.exif.orientation);
    m_entries.clear();
    m_current = -1;
    m_problem.clear();
    m_title->setText(QFileInfo(shot.path).fileName());
    m_canvas->setImage(standIn, m_sourceSize);
    m_canvas->setCrop(draftEntry().saved);
    refreshControls();
    loadImage(shot.path);
    reloadCrops();
    m_canvas->setFocus();
}

void CropEditor::loadImage(const QString &path)
{
    const quint64 generation = ++m_imageGeneration;
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const QSize screenSize = screen ? screen->size() * screen->devicePixelRatio() : QSize(1920, 1080);
    const int longEdge = std::max(screenSize.width(), screenSize.height());
    // Queued work for the previous shot is pointless (a dropped task never reports back, so the
    // flags below follow the newest request only).
    m_imagePool.clear();
    ++m_suggestGeneration;
    m_suggesting = false;
    m_loadingImage = true;
    QPointer<CropEditor> self(this);
    QtConcurrent::run(&m_imagePool, [path, longEdge] { return ImageDecoder::decodeScaled(path, longEdge); })
        .then(this, [self, generation](const Result<QImage> &image) {
            if (!self || generation != self->m_imageGeneration)
                return;
            self->m_loadingImage = false;
            if (image) {
                // A shot imported without a size gets the decoded one (the aspect is what matters).
                self->m_canvas->setImage(*image, self->m_sourceSize.isEmpty() ? image->size() : self->m_sourceSize);
                if (self->m_sourceSize.isEmpty())
                    self->m_sourceSize = image->size();
                self->refreshInfo();
            } else {
                self->m_problem = tr("The image cannot be shown: %1").arg(image.error().message);
                self->refreshInfo();
            }
            Q_EMIT self->imageLoaded();
        });
}

void CropEditor::reloadCrops()
{
    if (!m_catalog || m_shot.id == 0)
        return;
    const quint64 generation = ++m_cropGeneration;
    const CatalogPtr catalog = m_catalog;
    const qint64 shotId = m_shot.id;
    m_loadingCrops = true;
    QPointer<CropEditor> self(this);
    QtConcurrent::run(&m_catalogPool, [catalog, shotId] { return CropRepository(*catalog).ofShot(shotId); })
        .then(this, [self, generation](const Result<QList<Crop>> &crops) {
            if (!self || generation != self->m_cropGeneration)
                return; // a newer read, another shot or another catalog
            self->m_loadingCrops = false;
            if (crops) {
                self->setEntries(*crops);
            } else {
                self->m_problem = tr("The crops of this shot cannot be read: %1").arg(crops.error().message);
                self->refreshInfo();
            }
            Q_EMIT self->cropsLoaded();
        });
}

commands::CropSlotPtr CropEditor::slotFor(const Crop &crop)
{
    QList<commands::CropSlotPtr> &slots = m_slots[m_shot.id];
    for (const commands::CropSlotPtr &slot : std::as_const(slots))
        if (slot->id() == crop.id)
            return slot;
    auto slot = std::make_shared<commands::CropSlot>(crop.id, crop.version);
    slots.append(slot);
    return slot;
}

CropEditor::Entry CropEditor::draftEntry() const
{
    Entry draft;
    draft.saved.shotId = m_shot.id;
    draft.saved.name = kDefaultName;
    draft.saved.aspect = QStringLiteral("free");
    draft.saved.rect = QRectF(0, 0, 1, 1);
    draft.draft = true;
    return draft;
}

void CropEditor::setEntries(const QList<Crop> &crops)
{
    const commands::CropSlotPtr currentSlot = m_current >= 0 ? m_entries.at(m_current).slot : nullptr;
    const bool dirty = isDirty();
    const bool wasDraft = m_current >= 0 && m_entries.at(m_current).draft;
    QList<Entry> entries;
    for (const Crop &crop : crops) {
        Entry entry;
        entry.saved = crop;
        entry.slot = slotFor(crop);
        // Versions only go up, so a read older than our last edit cannot lower it. Someone else's
        // newer version is taken only when there is nothing unsaved here to overwrite theirs with.
        if (!(dirty && entry.slot == currentSlot))
            entry.slot->raiseVersion(crop.version);
        entries.append(entry);
    }
    int index = 0;
    if (entries.isEmpty()) {
        // Nothing saved yet: a draft of the whole image, saved by Apply (kept while it is edited).
        entries.append(wasDraft ? m_entries.at(m_current) : draftEntry());
        if (!entries.first().slot) {
            entries.first().slot = std::make_shared<commands::CropSlot>(0, 0);
            m_slots[m_shot.id].append(entries.first().slot);
        }
    } else if (currentSlot) {
        for (int i = 0; i < entries.size(); ++i)
            if (entries.at(i).slot == currentSlot)
                index = i;
    }
    const bool keepWorking = dirty && entries.at(index).slot == currentSlot;
    m_entries = entries;
    m_current = index;
    if (!keepWorking)
        m_canvas->setCrop(m_entries.at(index).saved);
    refreshControls();
}

bool CropEditor::isDirty() const
{
    if (m_current < 0)
        return false;
    Crop working = m_canvas->crop();
    return !sameGeometry(working, m_entries.at(m_current).saved);
}

// About m_undo->push(): when the edit thread is quick, a push can run the edit's completion and
// the reload that follows it at once (a continuation attached to a finished future is called
// directly), replacing m_entries. So every function below changes its own state first and pushes
// last, holding no Entry reference across a push. Before it, dropLoadedCrops(): a list read before
// this edit would undo the local change on arrival; the reload after the edit brings the truth.
void CropEditor::dropLoadedCrops()
{
    ++m_cropGeneration;
    m_loadingCrops = false;
}

void CropEditor::commitCurrent(bool includeDraft)
{
    if (m_current < 0 || !m_catalog)
        return;
    if (!isDirty() && !(includeDraft && m_entries.at(m_current).draft))
        return;
    Crop working = m_canvas->crop();
    working.shotId = m_shot.id;
    if (auto valid = CropRepository::validate(working); !valid) {
        QMessageBox::warning(this, tr("Crop not saved"), valid.error().message);
        return;
    }
    const Entry before = m_entries.at(m_current);
    m_entries[m_current].saved = working;
    m_entries[m_current].draft = false;
    const QString text = before.draft ? tr("New Crop \"%1\"").arg(working.name) : tr("Edit Crop \"%1\"").arg(working.name);
    dropLoadedCrops();
    m_undo->push(commands::saveCrop(before.slot, before.draft ? std::nullopt : std::optional<Crop>(before.saved),
                                    working, text, m_run));
}

int CropEditor::indexOf(const commands::CropSlotPtr &slot) const
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries.at(i).slot == slot)
            return i;
    return -1;
}

void CropEditor::apply()
{
    if (!isVisible())
        return;
    commitCurrent(true);
    Q_EMIT closed();
}

void CropEditor::cancel()
{
    if (!isVisible())
        return;
    ++m_suggestGeneration;
    m_suggesting = false;
    Q_EMIT closed();
}

void CropEditor::choose(int index)
{
    if (index < 0 || index >= m_entries.size() || index == m_current)
        return;
    const commands::CropSlotPtr target = m_entries.at(index).slot;
    commitCurrent(false);
    index = indexOf(target); // the entries may have been reloaded
    if (index < 0)
        return;
    m_current = index;
    m_canvas->setCrop(m_entries.at(index).saved);
    refreshControls();
}

QString CropEditor::askName(const QString &title, const QString &label, const QString &suggestion)
{
    QString name = suggestion;
    for (;;) {
        bool ok = false;
        name = QInputDialog::getText(this, title, label, QLineEdit::Normal, name, &ok).trimmed();
        if (!ok || name.isEmpty())
            return {};
        const bool taken = std::any_of(m_entries.cbegin(), m_entries.cend(), [&](const Entry &e) {
            return !e.draft && e.saved.name == name;
        });
        if (!taken)
            return name;
        QMessageBox::information(this, title, tr("This shot already has a crop named \"%1\".").arg(name));
    }
}

void CropEditor::newCrop()
{
    if (m_current < 0 || !m_catalog)
        return;
    Crop crop = m_canvas->crop();
    QString suggestion = crop.aspect != u"free" && crop.aspect != u"original" ? crop.aspect : tr("crop");
    for (int n = 2; std::any_of(m_entries.cbegin(), m_entries.cend(), [&](const Entry &e) { return e.saved.name == suggestion; }); ++n)
        suggestion = (crop.aspect != u"free" && crop.aspect != u"original" ? crop.aspect : tr("crop"))
            + QStringLiteral(" %1").arg(n);
    const QString name = askName(tr("New Crop"), tr("Name of the new crop:"), suggestion);
    if (name.isEmpty() || m_current < 0) // (the dialog runs an event loop: entries may have been reloaded)
        return;
    const bool untouchedDraft = m_entries.at(m_current).draft && !isDirty();
    commitCurrent(false);
    if (untouchedDraft)
        m_entries.removeIf([](const Entry &e) { return e.draft; });
    crop.id = 0;
    crop.version = 1;
    crop.shotId = m_shot.id;
    crop.name = name;
    Entry entry;
    entry.saved = crop;
    entry.slot = std::make_shared<commands::CropSlot>(0, 0);
    m_slots[m_shot.id].append(entry.slot);
    m_entries.append(entry);
    m_current = int(m_entries.size()) - 1;
    m_canvas->setCrop(crop);
    refreshControls();
    m_canvas->setFocus();
    dropLoadedCrops();
    m_undo->push(commands::saveCrop(entry.slot, std::nullopt, crop, tr("New Crop \"%1\"").arg(name), m_run));
}

void CropEditor::renameCrop()
{
    if (m_current < 0)
        return;
    const commands::CropSlotPtr slot = m_entries.at(m_current).slot;
    const QString old = m_entries.at(m_current).saved.name;
    // The dialog runs an event loop: a reload may replace the entries meanwhile.
    const QString name = askName(tr("Rename Crop"), tr("New name of the crop \"%1\":").arg(old), old);
    if (name.isEmpty() || name == old || m_current < 0 || m_entries.at(m_current).slot != slot)
        return;
    Crop working = m_canvas->crop();
    working.name = name;
    const Entry before = m_entries.at(m_current);
    m_entries[m_current].saved.name = name;
    m_canvas->setCrop(working); // unsaved geometry stays unsaved
    refreshControls();
    m_canvas->setFocus();
    if (before.draft)
        return;
    dropLoadedCrops();
    m_undo->push(commands::saveCrop(before.slot, before.saved, m_entries.at(m_current).saved,
                                        tr("Rename Crop \"%1\" to \"%2\"").arg(old, name), m_run));
}

void CropEditor::deleteCrop()
{
    if (m_current < 0 || m_entries.at(m_current).draft)
        return;
    const Entry deleted = m_entries.takeAt(m_current);
    if (m_entries.isEmpty()) {
        Entry draft = draftEntry();
        draft.slot = std::make_shared<commands::CropSlot>(0, 0);
        m_slots[m_shot.id].append(draft.slot);
        m_entries.append(draft);
    }
    m_current = std::clamp(m_current - 1, 0, int(m_entries.size()) - 1);
    m_canvas->setCrop(m_entries.at(m_current).saved);
    refreshControls();
    m_canvas->setFocus();
    dropLoadedCrops();
    m_undo->push(commands::deleteCrop(deleted.slot, deleted.saved, m_run));
}

void CropEditor::suggest()
{
    const QImage image = m_canvas->image();
    if (image.isNull())
        return;
    const double ratio = CropGeometry::uprightRatio(m_canvas->crop(), m_canvas->sourceSize());
    const quint64 generation = ++m_suggestGeneration;
    m_suggesting = true;
    QPointer<CropEditor> self(this);
    QtConcurrent::run(&m_imagePool, [image, ratio] { return Saliency::suggest(image, ratio); })
        .then(this, [self, generation](const QRectF &rect) {
            if (!self || generation != self->m_suggestGeneration)
                return;
            self->m_suggesting = false;
            if (rect.isEmpty())
                return;
            self->m_canvas->setRect(rect);
            Q_EMIT self->suggested();
        });
}

void CropEditor::refreshControls()
{
    m_updating = true;
    m_cropBox->clear();
    for (const Entry &entry : std::as_const(m_entries))
        m_cropBox->addItem(entry.draft ? tr("%1 (not saved yet)").arg(entry.saved.name) : entry.saved.name);
    m_cropBox->setCurrentIndex(m_current);
    const bool open = m_current >= 0;
    m_cropBox->setEnabled(open);
    m_newButton->setEnabled(open && m_catalog);
    m_renameButton->setEnabled(open);
    m_deleteButton->setEnabled(open && !m_entries.at(m_current).draft);
    m_updating = false;
    refreshInfo();
}

void CropEditor::refreshInfo()
{
    m_updating = true;
    const Crop &crop = m_canvas->crop();
    int aspect = m_aspectBox->findData(crop.aspect);
    if (aspect < 0 && !crop.aspect.isEmpty()) {
        // An aspect from elsewhere (an import, an older version): shown, and kept.
        const AspectPreset preset = CropGeometry::preset(crop.aspect);
        m_aspectBox->addItem(CropGeometry::displayName(preset), preset.key);
        aspect = m_aspectBox->findData(preset.key);
    }
    m_aspectBox->setCurrentIndex(std::max(0, aspect));
    m_straighten->setValue(int(std::lround(crop.straighten * 10)));
    m_straightenValue->setText(tr("%1°").arg(crop.straighten, 0, 'f', 1));
    m_updating = false;

    const QSizeF out = CropGeometry::outputSize(crop, m_sourceSize);
    QString info = m_sourceSize.isEmpty() ? QString()
                                          : tr("Output: %1 × %2 pixels").arg(std::lround(out.width())).arg(std::lround(out.height()));
    if (isDirty())
        info += (info.isEmpty() ? QString() : QStringLiteral("\n")) + tr("Not saved yet: Enter applies, Escape drops it.");
    m_info->setText(info);
    QStringList warnings;
    if (!m_problem.isEmpty())
        warnings.append(m_problem);
    if (const QString resolution = CropGeometry::resolutionWarning(crop, m_sourceSize); !resolution.isEmpty())
        warnings.append(resolution);
    const QString warning = warnings.join(u'\n');
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
}

QString CropEditor::warningText() const
{
    return m_warning->isHidden() ? QString() : m_warning->text();
}

QString CropEditor::infoText() const
{
    return m_info->text();
}

QStringList CropEditor::cropNames() const
{
    QStringList names;
    for (const Entry &entry : m_entries)
        if (!entry.draft)
            names.append(entry.saved.name);
    return names;
}

} // namespace stills
