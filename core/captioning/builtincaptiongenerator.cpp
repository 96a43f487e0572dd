#include "builtincaptiongenerator.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace stills {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("stills::BuiltinCaptionGenerator", text);
}

// "red", "red and grey", "red, blue and grey".
QString joinedList(const QStringList &words)
{
    if (words.size() <= 1)
        return words.value(0);
    return QStringList(words.mid(0, words.size() - 1)).join(QStringLiteral(", ")) + QStringLiteral(" and ") + words.last();
}

QString withArticle(const QString &phrase)
{
    static const QString vowels = QStringLiteral("aeiou");
    return (vowels.contains(phrase.at(0).toLower()) ? QStringLiteral("An ") : QStringLiteral("A ")) + phrase;
}

QString shapeWord(int width, int height)
{
    if (width <= 0 || height <= 0)
        return QStringLiteral("frame");
    const double ratio = double(width) / height;
    if (ratio >= 2.8)
        return QStringLiteral("panoramic frame");
    if (ratio >= 1.9) // 2:1, 2.20:1, 2.39:1 and the like
        return QStringLiteral("widescreen frame");
    if (ratio > 1.05)
        return QStringLiteral("landscape frame");
    if (ratio < 0.95)
        return QStringLiteral("portrait frame");
    return QStringLiteral("square frame");
}

QString sentence(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(u'.') && !text.endsWith(u'!') && !text.endsWith(u'?'))
        text += u'.';
    return text;
}

} // namespace

QString BuiltinCaptionGenerator::compose(const CaptionRequest &request, const ImageTraits &traits)
{
    // The look: brightness, contrast, black and white.
    QStringList look;
    // Thresholds on L* (0..100), set on the corpus's camera photos, whose means mostly lie between
    // 35 and 60 and whose spreads between 15 and 30: only what stands out is said.
    if (traits.brightness < 25)
        look << QStringLiteral("dark") << QStringLiteral("low-key");
    else if (traits.brightness < 33)
        look << QStringLiteral("dim");
    else if (traits.brightness > 75)
        look << QStringLiteral("bright") << QStringLiteral("high-key");
    else if (traits.brightness > 65)
        look << QStringLiteral("bright");
    if (traits.contrast > 30)
        look << QStringLiteral("high-contrast");
    else if (traits.contrast < 12)
        look << QStringLiteral("low-contrast");
    QString frame = shapeWord(traits.width, traits.height);
    if (traits.monochrome)
        frame = QStringLiteral("black-and-white ") + frame;

    QStringList sentences;
    QString first = withArticle(look.isEmpty() ? frame : look.join(QStringLiteral(", ")) + u' ' + frame);
    const QStringList colours = traits.dominantColours();
    if (!traits.monochrome && !colours.isEmpty())
        first += QStringLiteral(" with ") + joinedList(colours) + QStringLiteral(" tones");
    sentences << sentence(first);

    // The catalog's orientation attribute says again what the frame's shape has said.
    CaptionRequest rest = request;
    rest.attributes.removeIf([](const CaptionRequest::AttributeValue &a) { return a.key == u"orientation"; });
    if (const QString attributes = rest.attributesText(); !attributes.isEmpty())
        sentences << sentence(attributes);
    if (const QString tags = request.tagsText(); !tags.isEmpty())
        sentences << sentence(QStringLiteral("Tags: ") + tags);
    if (const QString lens = request.lensText(); !lens.isEmpty())
        sentences << sentence((request.lens.trimmed().isEmpty() ? QStringLiteral("Shot at ") : QStringLiteral("Shot with ")) + lens);
    if (const QString title = request.photosetTitle.trimmed(); !title.isEmpty())
        sentences << QStringLiteral("From \u201C%1\u201D.").arg(title);
    return sentences.join(u' ');
}

Result<Caption> BuiltinCaptionGenerator::generate(const CaptionRequest &request, const PartialCallback &onPartial)
{
    if (isCancelled())
        return Error{Error::Code::Cancelled, tr("Captioning was cancelled.")};
    if (request.imagePath.isEmpty())
        return Error::invalid(tr("The shot has no image file to caption."));
    auto traits = ImageTraits::analyse(request.imagePath);
    if (!traits)
        return Error{traits.error().code, tr("The image could not be analysed: %1").arg(traits.error().message)};

    Caption caption;
    caption.shotId = request.shotId;
    caption.text = compose(request, *traits);
    caption.source = name();
    caption.model = model();
    caption.parameters = QJsonObject{{QStringLiteral("version"), Version},
                                     {QStringLiteral("analysisEdge"), ImageTraits::AnalysisEdge}};
    if (onPartial)
        onPartial(caption.text);
    return caption;
}

} // namespace stills
