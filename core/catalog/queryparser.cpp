#include "queryparser.h"

#include "attributerepository.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

namespace {

Error errorAt(qsizetype index, const QString &what)
{
    return Error::invalid(Tr::tr("Search: %1 at character %2.").arg(what).arg(index + 1));
}

bool isKeyChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

class Parser
{
public:
    Parser(const QString &text, const QList<Attribute> &vocabulary) : m_text(text), m_vocabulary(vocabulary) {}

    Result<ShotQuery> run()
    {
        while (true) {
            skipSpaces();
            if (atEnd())
                break;
            if (auto done = term(); !done)
                return done.error();
        }
        finish();
        return m_query;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text.at(m_pos + ahead) : QChar();
    }
    void skipSpaces()
    {
        while (!atEnd() && peek().isSpace())
            ++m_pos;
    }

    // A bare run up to the next space, or a quoted string (quotes removed).
    Result<QString> value()
    {
        if (peek() == u'"') {
            const qsizetype open = m_pos++;
            const qsizetype close = m_text.indexOf(u'"', m_pos);
            if (close < 0)
                return errorAt(open, Tr::tr("the quote is not closed"));
            const QString v = m_text.mid(m_pos, close - m_pos);
            m_pos = close + 1;
            return v;
        }
        const qsizetype start = m_pos;
        while (!atEnd() && !peek().isSpace())
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    Status term()
    {
        const qsizetype start = m_pos;
        bool negated = false;
        if (peek() == u'-' && m_pos + 1 < m_text.size() && !peek(1).isSpace()) {
            negated = true;
            ++m_pos;
        }
        if (peek() == u'"') {
            auto phrase = value();
            if (!phrase)
                return phrase.error();
            addTerm(*phrase, negated);
            return {};
        }
        // key:value or key<op>number?
        qsizetype k = m_pos;
        while (k < m_text.size() && isKeyChar(m_text.at(k)))
            ++k;
        const QString key = m_text.mid(m_pos, k - m_pos).toLower();
        const QChar next = k < m_text.size() ? m_text.at(k) : QChar();
        if (!key.isEmpty() && !key.front().isDigit() && (next == u'<' || next == u'>' || next == u'=')) {
            m_pos = k;
            return comparison(start, key, negated);
        }
        if (!key.isEmpty() && !key.front().isDigit() && next == u':') {
            m_pos = k + 1;
            const qsizetype valueStart = m_pos;
            auto v = value();
            if (!v)
                return v.error();
            return filter(start, valueStart, key, v->trimmed(), negated);
        }
        auto word = value();
        if (!word)
            return word.error();
        addTerm(*word, negated);
        return {};
    }

    void addTerm(const QString &text, bool negated)
    {
        const QString t = text.simplified();
        if (t.isEmpty())
            return;
        (negated ? m_query.excludedTerms : m_query.terms).append(t);
    }

    Status comparison(qsizetype start, const QString &key, bool negated)
    {
        if (key != u"rating")
            return errorAt(start, Tr::tr("only rating can be compared (rating>=3), not \"%1\"").arg(key));
        if (negated)
            return errorAt(start, Tr::tr("a rating comparison cannot be negated; turn it around (rating<3)"));
        const qsizetype opStart = m_pos;
        QString op;
        while (!atEnd() && (peek() == u'<' || peek() == u'>' || peek() == u'='))
            op += m_text.at(m_pos++);
        static const QStringList ops = {QStringLiteral("="), QStringLiteral("<"), QStringLiteral("<="),
                                        QStringLiteral(">"), QStringLiteral(">=")};
        if (!ops.contains(op))
            return errorAt(opStart, Tr::tr("\"%1\" is not a comparison; use =, <, <=, > or >=").arg(op));
        const qsizetype numberStart = m_pos;
        while (!atEnd() && !peek().isSpace())
            ++m_pos;
        const QString number = m_text.mid(numberStart, m_pos - numberStart);
        bool ok = false;
        const int n = number.toInt(&ok);
        if (!ok || n < 0 || n > 5)
            return errorAt(numberStart, number.isEmpty() ? Tr::tr("rating%1 needs a number from 0 to 5").arg(op)
                                                         : Tr::tr("\"%1\" is not a rating from 0 to 5").arg(number));
        int lo = 0, hi = 5;
        if (op == u"=")
            lo = hi = n;
        else if (op == u"<")
            hi = n - 1;
        else if (op == u"<=")
            hi = n;
        else if (op == u">")
            lo = n + 1;
        else
            lo = n;
        m_query.ratingMin = std::max(m_query.ratingMin, lo);
        m_query.ratingMax = std::min(m_query.ratingMax, hi);
        return {};
    }

    Status filter(qsizetype start, qsizetype valueStart, const QString &key, const QString &v, bool negated)
    {
        if (v.isEmpty())
            return errorAt(valueStart, QStringLiteral("%1: needs a value").arg(key));
        const QString lower = v.toLower();
        if (key == u"tag") {
            (negated ? m_query.excludedTags : m_query.tags).append(v);
            return {};
        }
        if (key == u"photoset") {
            if (v.startsWith(u'#')) {
                bool ok = false;
                const qint64 id = v.mid(1).toLongLong(&ok);
                if (!ok || id <= 0)
                    return errorAt(valueStart, Tr::tr("\"%1\" is not a photoset number (photoset:#12)").arg(v));
                (negated ? m_query.excludedPhotosetIds : m_query.photosetIds).append(id);
            } else {
                (negated ? m_query.excludedPhotosets : m_query.photosets).append(v);
            }
            return {};
        }
        if (key == u"flag") {
            static const QStringList names = {QStringLiteral("reject"), QStringLiteral("none"), QStringLiteral("pick")};
            const qsizetype i = names.indexOf(lower);
            if (i < 0)
                return errorAt(valueStart, Tr::tr("flag:%1 is unknown; use pick, reject or none").arg(v));
            (negated ? m_flags.excluded : m_flags.included).append(int(i) - 1);
            return {};
        }
        if (key == u"label") {
            const qsizetype i = ShotQuery::colorLabelNames().indexOf(lower);
            if (i < 0)
                return errorAt(valueStart,
                               Tr::tr("label:%1 is unknown; use red, yellow, green, blue, purple or none").arg(v));
            (negated ? m_labels.excluded : m_labels.included).append(int(i));
            return {};
        }
        if (key == u"status") {
            static const QStringList names = {QStringLiteral("ok"), QStringLiteral("failed"),
                                              QStringLiteral("unsupported"), QStringLiteral("missing")};
            const qsizetype i = names.indexOf(lower);
            if (i < 0)
                return errorAt(valueStart,
                               Tr::tr("status:%1 is unknown; use ok, failed, unsupported or missing").arg(v));
            (negated ? m_statuses.excluded : m_statuses.included).append(int(i));
            return {};
        }
        for (const Attribute &attribute : m_vocabulary) {
            if (attribute.key.compare(key, Qt::CaseInsensitive) != 0)
                continue;
            for (const AttributeOption &option : attribute.options) {
                if (option.value.compare(v, Qt::CaseInsensitive) == 0 || option.label.compare(v, Qt::CaseInsensitive) == 0) {
                    QStringList &values = (negated ? m_query.excludedAttributes : m_query.attributes)[attribute.key];
                    if (!values.contains(option.value))
                        values.append(option.value);
                    return {};
                }
            }
            QStringList known;
            for (const AttributeOption &option : attribute.options)
                known.append(option.value);
            return errorAt(valueStart, Tr::tr("\"%1\" is not a value of %2 (known: %3)")
                                           .arg(v, attribute.key, known.join(QStringLiteral(", "))));
        }
        return errorAt(start, Tr::tr("unknown filter \"%1:\"; use tag:, rating, flag:, label:, photoset:, "
                                     "status: or an attribute such as time_of_day:")
                                  .arg(key));
    }

    struct Choice {
        QList<int> included;
        QList<int> excluded;
        // Allowed values among `all`, or nullopt when the field was not mentioned.
        std::optional<QList<int>> allowed(const QList<int> &all) const
        {
            if (included.isEmpty() && excluded.isEmpty())
                return std::nullopt;
            QList<int> result;
            for (int v : all) {
                if ((included.isEmpty() || included.contains(v)) && !excluded.contains(v))
                    result.append(v);
            }
            return result;
        }
    };

    void finish()
    {
        m_query.flags = m_flags.allowed({-1, 0, 1});
        m_query.colorLabels = m_labels.allowed({0, 1, 2, 3, 4, 5});
        static const QStringList statusNames = {QStringLiteral("ok"), QStringLiteral("failed"),
                                                QStringLiteral("unsupported"), QStringLiteral("missing")};
        if (auto statuses = m_statuses.allowed({0, 1, 2, 3})) {
            QStringList names;
            for (int i : *statuses)
                names.append(statusNames.at(i));
            m_query.statuses = names;
        }
    }

    const QString &m_text;
    const QList<Attribute> &m_vocabulary;
    qsizetype m_pos = 0;
    ShotQuery m_query;
    Choice m_flags;
    Choice m_labels;
    Choice m_statuses;
};

} // namespace

Result<ShotQuery> QueryParser::parse(const QString &text)
{
    static const QList<Attribute> builtin = [] {
        auto vocabulary = AttributeRepository::builtinVocabulary();
        return vocabulary ? *vocabulary : QList<Attribute>();
    }();
    return parse(text, builtin);
}

Result<ShotQuery> QueryParser::parse(const QString &text, const QList<Attribute> &vocabulary)
{
    return Parser(text, vocabulary).run();
}

} // namespace stills
