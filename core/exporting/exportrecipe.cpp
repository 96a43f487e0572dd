#include "exportrecipe.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSettings>

#include <memory>

namespace stills {

namespace {

// This file's texts (context "stills::ExportRecipe"). lupdate takes the context from the macro, so every
// call site, whatever class or namespace it is in, is filed under the context used at run time.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(stills::ExportRecipe)
};

const QString kGroup = QStringLiteral("exportRecipes");

std::unique_ptr<QSettings> openSettings(const QString &file)
{
    if (file.isEmpty())
        return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(file, QSettings::IniFormat);
}

// Recipe names are free text; QSettings keys must not contain '/' or '\'.
QString keyFor(const QString &name)
{
    return QString::fromLatin1(name.trimmed().toUtf8().toPercentEncoding());
}

} // namespace

QString ExportRecipe::captionSuffix() const
{
    switch (caption) {
    case Caption::None: return {};
    case Caption::Txt: return QStringLiteral("txt");
    case Caption::Caption: return QStringLiteral("caption");
    }
    return {};
}

QJsonObject ExportRecipe::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("images"), images == Images::Crops ? QStringLiteral("crops") : QStringLiteral("originals")},
            {QStringLiteral("crop"), cropName},
            {QStringLiteral("max_edge"), maxEdge},
            {QStringLiteral("training_size"), trainingSize},
            {QStringLiteral("format"), format},
            {QStringLiteral("quality"), quality},
            {QStringLiteral("caption"), caption == Caption::None ? QStringLiteral("none") : captionSuffix()},
            {QStringLiteral("manifest"), manifest}};
}

Result<ExportRecipe> ExportRecipe::fromJson(const QJsonObject &json)
{
    ExportRecipe r;
    r.name = json.value(u"name").toString();
    const QString images = json.value(u"images").toString(QStringLiteral("originals"));
    if (images == u"crops")
        r.images = Images::Crops;
    else if (images != u"originals")
        return Error::invalid(Tr::tr("Unknown image choice \"%1\" (originals or crops).").arg(images));
    r.cropName = json.value(u"crop").toString();
    r.maxEdge = json.value(u"max_edge").toInt(0);
    r.trainingSize = json.value(u"training_size").toInt(0);
    r.format = json.value(u"format").toString();
    r.quality = json.value(u"quality").toInt(92);
    const QString caption = json.value(u"caption").toString(QStringLiteral("txt"));
    if (caption == u"none")
        r.caption = Caption::None;
    else if (caption == u"caption")
        r.caption = Caption::Caption;
    else if (caption == u"txt")
        r.caption = Caption::Txt;
    else
        return Error::invalid(Tr::tr("Unknown caption sidecar \"%1\" (txt, caption or none).").arg(caption));
    r.manifest = json.value(u"manifest").toBool(true);
    if (auto valid = r.validate(); !valid)
        return valid.error();
    return r;
}

Status ExportRecipe::validate() const
{
    static const QStringList formats = {QString(), QStringLiteral("jpeg"), QStringLiteral("png"), QStringLiteral("webp")};
    if (!formats.contains(format))
        return Error::invalid(Tr::tr("Unknown format \"%1\" (jpeg, png or webp).").arg(format));
    if (quality < 1 || quality > 100)
        return Error::invalid(Tr::tr("The quality must be between 1 and 100, not %1.").arg(quality));
    if (maxEdge < 0 || maxEdge > 65535 || trainingSize < 0 || trainingSize > 65535)
        return Error::invalid(Tr::tr("Sizes must be between 1 and 65535 pixels."));
    return {};
}

QStringList ExportRecipeStore::names() const
{
    auto settings = openSettings(m_file);
    settings->beginGroup(kGroup);
    QStringList names;
    for (const QString &key : settings->childKeys())
        names.append(QString::fromUtf8(QByteArray::fromPercentEncoding(key.toLatin1())));
    names.sort(Qt::CaseInsensitive);
    return names;
}

Result<ExportRecipe> ExportRecipeStore::load(const QString &name) const
{
    auto settings = openSettings(m_file);
    settings->beginGroup(kGroup);
    const QString key = keyFor(name);
    if (!settings->contains(key))
        return Error::notFound(Tr::tr("There is no export recipe named \"%1\".").arg(name));
    const QJsonDocument doc = QJsonDocument::fromJson(settings->value(key).toString().toUtf8());
    if (!doc.isObject())
        return Error::corrupt(Tr::tr("The export recipe \"%1\" is damaged in the settings.").arg(name));
    auto recipe = ExportRecipe::fromJson(doc.object());
    if (recipe)
        recipe->name = name.trimmed();
    return recipe;
}

Status ExportRecipeStore::save(const ExportRecipe &recipe)
{
    if (recipe.name.trimmed().isEmpty())
        return Error::invalid(Tr::tr("An export recipe needs a name."));
    if (auto valid = recipe.validate(); !valid)
        return valid;
    auto settings = openSettings(m_file);
    settings->beginGroup(kGroup);
    settings->setValue(keyFor(recipe.name),
                       QString::fromUtf8(QJsonDocument(recipe.toJson()).toJson(QJsonDocument::Compact)));
    settings->endGroup();
    settings->sync();
    if (settings->status() != QSettings::NoError)
        return Error::io(Tr::tr("The export recipe \"%1\" could not be saved to the settings.").arg(recipe.name));
    return {};
}

Status ExportRecipeStore::remove(const QString &name)
{
    auto settings = openSettings(m_file);
    settings->beginGroup(kGroup);
    const QString key = keyFor(name);
    if (!settings->contains(key))
        return Error::notFound(Tr::tr("There is no export recipe named \"%1\".").arg(name));
    settings->remove(key);
    settings->endGroup();
    settings->sync();
    return {};
}

} // namespace stills
