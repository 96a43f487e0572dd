// Query syntax, search index, keyset paging and facet counts; run against SQLite and PostgreSQL.
#include "catalog/attributerepository.h"
#include "catalog/captionrepository.h"
#include "catalog/catalog.h"
#include "catalog/facets.h"
#include "catalog/photosetrepository.h"
#include "catalog/queryparser.h"
#include "catalog/searchindex.h"
#include "catalog/shotrepository.h"
#include "catalog/migrations.h"
#include "catalog/sqlhelpers.h"
#include "catalog/tagrepository.h"
#include "curating/curator.h"
#include "testcatalog.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include "requireok.h"

using namespace stills;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(stills::ShotQuery)

namespace {

ShotQuery q(const std::function<void(ShotQuery &)> &fill)
{
    ShotQuery query;
    fill(query);
    return query;
}

// One generated shot as the brute force sees it.
struct Row {
    qint64 id = 0;
    int rating = 0;
    int flag = 0;
    int label = 0;
    QHash<QString, QSet<QString>> values; // attribute key -> option values
};

} // namespace

class TestQuery : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::ScratchCatalog> m_scratch;
    CatalogPtr m_catalog;

    qint64 addShot(const QString &path, const QString &title = {}, const QString &description = {})
    {
        Shot s;
        s.path = path;
        s.contentHash = QStringLiteral("hash-") + path;
        s.format = QStringLiteral("jpeg");
        s.title = title;
        s.description = description;
        auto id = ShotRepository(*m_catalog).insert(s);
        if (!id)
            qWarning() << id.error().message;
        return id ? *id : 0;
    }

    QList<qint64> search(const QString &text)
    {
        auto query = QueryParser::parse(text);
        if (!query) {
            qWarning() << query.error().message;
            return {-1};
        }
        auto ids = SearchIndex::page(*m_catalog, *query, 0, 100000);
        if (!ids) {
            qWarning() << ids.error().message;
            return {-2};
        }
        return *ids;
    }

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<test::ScratchCatalog>();
        QVERIFY2(m_scratch->isValid(), qPrintable(m_scratch->errorString()));
        auto opened = Catalog::open(m_scratch->url());
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
        m_catalog = *opened;
    }

    void cleanup()
    {
        m_catalog.reset();
        m_scratch.reset();
    }

    void parseValid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<ShotQuery>("expected");

        QTest::newRow("empty") << "   " << ShotQuery();
        QTest::newRow("words") << "low  key" << q([](ShotQuery &x) { x.terms = {u"low"_s, u"key"_s}; });
        QTest::newRow("phrase") << "\"low key\" night"
                                << q([](ShotQuery &x) { x.terms = {u"low key"_s, u"night"_s}; });
        QTest::newRow("exclusions") << "-word -\"a phrase\" -tag:X"
                                    << q([](ShotQuery &x) {
                                           x.excludedTerms = {u"word"_s, u"a phrase"_s};
                                           x.excludedTags = {u"X"_s};
                                       });
        QTest::newRow("tag quoted") << "tag:\"Lighting/Low key\" TAG:People"
                                    << q([](ShotQuery &x) { x.tags = {u"Lighting/Low key"_s, u"People"_s}; });
        QTest::newRow("rating>=3") << "rating>=3" << q([](ShotQuery &x) { x.ratingMin = 3; });
        QTest::newRow("rating=5") << "rating=5" << q([](ShotQuery &x) { x.ratingMin = 5; });
        QTest::newRow("rating<2") << "rating<2" << q([](ShotQuery &x) { x.ratingMax = 1; });
        QTest::newRow("rating range") << "rating>1 rating<=4" << q([](ShotQuery &x) {
            x.ratingMin = 2;
            x.ratingMax = 4;
        });
        QTest::newRow("flags or-ed") << "flag:pick flag:NONE"
                                     << q([](ShotQuery &x) { x.flags = QList<int>{0, 1}; });
        QTest::newRow("not rejected") << "-flag:reject" << q([](ShotQuery &x) { x.flags = QList<int>{0, 1}; });
        QTest::newRow("label") << "label:red label:purple" << q([](ShotQuery &x) { x.colorLabels = QList<int>{1, 5}; });
        QTest::newRow("label none") << "label:none" << q([](ShotQuery &x) { x.colorLabels = QList<int>{0}; });
        QTest::newRow("status") << "status:missing" << q([](ShotQuery &x) { x.statuses = QStringList{u"missing"_s}; });
        QTest::newRow("photoset") << "photoset:\"My set\" photoset:#12 -photoset:Other"
                                  << q([](ShotQuery &x) {
                                         x.photosets = {u"My set"_s};
                                         x.photosetIds = {12};
                                         x.excludedPhotosets = {u"Other"_s};
                                     });
        QTest::newRow("attributes") << "time_of_day:night time_of_day:Day"
                                    << q([](ShotQuery &x) { x.attributes[u"time_of_day"_s] = {u"night"_s, u"day"_s}; });
        QTest::newRow("attribute excluded by label") << "-lighting:\"Low key\""
                                                     << q([](ShotQuery &x) { x.excludedAttributes[u"lighting"_s] = {u"low-key"_s}; });
        QTest::newRow("attribute chosen and excluded")
            << "lighting:backlight -LIGHTING:low-key -lighting:\"Low key\" -time_of_day:night"
            << q([](ShotQuery &x) {
                   x.attributes[u"lighting"_s] = {u"backlight"_s};
                   x.excludedAttributes[u"lighting"_s] = {u"low-key"_s};
                   x.excludedAttributes[u"time_of_day"_s] = {u"night"_s};
               });
        QTest::newRow("hostile word") << "'; DROP TABLE shots; -- 100% a_b"
                                      << q([](ShotQuery &x) {
                                             x.terms = {u"';"_s, u"DROP"_s, u"TABLE"_s, u"shots;"_s, u"100%"_s, u"a_b"_s};
                                             x.excludedTerms = {u"-"_s};
                                         });
        QTest::newRow("unicode") << "Café \"東京 夜\"" << q([](ShotQuery &x) { x.terms = {u"Café"_s, u"東京 夜"_s}; });
        QTest::newRow("time is a word") << "10:30" << q([](ShotQuery &x) { x.terms = {u"10:30"_s}; });
        QTest::newRow("lone dash") << "a - b" << q([](ShotQuery &x) { x.terms = {u"a"_s, u"-"_s, u"b"_s}; });
    }

    void parseValid()
    {
        QFETCH(QString, text);
        QFETCH(ShotQuery, expected);
        auto parsed = QueryParser::parse(text);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
        QCOMPARE(parsed->terms, expected.terms);
        QCOMPARE(parsed->excludedTerms, expected.excludedTerms);
        QCOMPARE(parsed->tags, expected.tags);
        QCOMPARE(parsed->excludedTags, expected.excludedTags);
        QCOMPARE(parsed->photosets, expected.photosets);
        QCOMPARE(parsed->photosetIds, expected.photosetIds);
        QCOMPARE(parsed->excludedPhotosets, expected.excludedPhotosets);
        QCOMPARE(parsed->ratingMin, expected.ratingMin);
        QCOMPARE(parsed->ratingMax, expected.ratingMax);
        QCOMPARE(parsed->flags, expected.flags);
        QCOMPARE(parsed->colorLabels, expected.colorLabels);
        QCOMPARE(parsed->statuses, expected.statuses);
        QCOMPARE(parsed->attributes, expected.attributes);
        QCOMPARE(parsed->excludedAttributes, expected.excludedAttributes);
        QVERIFY(*parsed == expected);
    }

    void parseInvalid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("position"); // 1-based character
        QTest::addColumn<QString>("mentions");

        QTest::newRow("unknown key") << "night colour_grade:teal" << 7 << "colour_grade:";
        QTest::newRow("unknown value") << "time_of_day:noon" << 13 << "noon";
        QTest::newRow("unclosed quote") << "a \"low key" << 3 << "quote";
        QTest::newRow("unclosed tag quote") << "tag:\"Lighting/Low" << 5 << "quote";
        QTest::newRow("rating no number") << "rating>=" << 9 << "rating";
        QTest::newRow("rating too high") << "rating>=9" << 9 << "\"9\"";
        QTest::newRow("rating text") << "x rating<abc" << 10 << "abc";
        QTest::newRow("bad operator") << "rating=>3" << 7 << "=>";
        QTest::newRow("compare other") << "flag>1" << 1 << "flag";
        QTest::newRow("bad flag") << "flag:maybe" << 6 << "maybe";
        QTest::newRow("bad label") << "label:orange" << 7 << "orange";
        QTest::newRow("bad status") << "status:gone" << 8 << "gone";
        QTest::newRow("empty value") << "tag: x" << 5 << "value";
        QTest::newRow("bad photoset id") << "photoset:#x" << 10 << "#x";
        QTest::newRow("negated rating") << "-rating>=3" << 1 << "negated";
        QTest::newRow("excluded unknown value") << "-lighting:neon" << 11 << "neon";
        QTest::newRow("fts column syntax") << "doc:x" << 1 << "doc:";
    }

    void parseInvalid()
    {
        QFETCH(QString, text);
        QFETCH(int, position);
        QFETCH(QString, mentions);
        auto parsed = QueryParser::parse(text);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, Error::Code::InvalidInput);
        const QString message = parsed.error().message;
        QVERIFY2(message.contains(QStringLiteral("at character %1.").arg(position)), qPrintable(message));
        QVERIFY2(message.contains(mentions), qPrintable(message));
    }

    void searchFindsEverySource()
    {
        const qint64 a = addShot(QStringLiteral("/photos/reel/IMG_0042.jpg"), QStringLiteral("Harbour at dawn"),
                                 QStringLiteral("Fishing boats leaving"));
        const qint64 b = addShot(QStringLiteral("/photos/reel/other.jpg"));
        QVERIFY(a && b);
        QCOMPARE(search(QStringLiteral("harbour")), QList<qint64>{a});
        QCOMPARE(search(QStringLiteral("boats")), QList<qint64>{a});
        QCOMPARE(search(QStringLiteral("img_0042.jpg")), QList<qint64>{a});
        QCOMPARE(search(QStringLiteral("0042")), QList<qint64>{a});
        QCOMPARE(search(QStringLiteral("reel")), QList<qint64>{}); // the folder is not the file name
        QCOMPARE(search(QStringLiteral("\"at dawn\"")), QList<qint64>{a});
        QCOMPARE(search(QStringLiteral("\"dawn at\"")), QList<qint64>{});
        QCOMPARE(search(QStringLiteral("jpg -harbour")), QList<qint64>{b});

        // Title edit.
        auto shot = ShotRepository(*m_catalog).get(b);
        REQUIRE_OK(shot);
        shot->title = QStringLiteral("Neon alley");
        REQUIRE_OK(ShotRepository(*m_catalog).updateEdits(*shot));
        QCOMPARE(search(QStringLiteral("neon")), QList<qint64>{b});

        // File move.
        shot = ShotRepository(*m_catalog).get(b);
        REQUIRE_OK(shot);
        shot->path = QStringLiteral("/photos/moved/renamed_frame.jpg");
        REQUIRE_OK(ShotRepository(*m_catalog).updateFile(*shot));
        QCOMPARE(search(QStringLiteral("renamed")), QList<qint64>{b});
        QCOMPARE(search(QStringLiteral("other")), QList<qint64>{});

        // Captions: the current one only.
        Caption caption;
        caption.shotId = b;
        caption.text = QStringLiteral("a wet street under magenta signs");
        caption.source = QStringLiteral("manual");
        auto first = CaptionRepository(*m_catalog).add(caption);
        REQUIRE_OK(first);
        QCOMPARE(search(QStringLiteral("magenta")), QList<qint64>{b});
        caption.text = QStringLiteral("a dry street");
        REQUIRE_OK(CaptionRepository(*m_catalog).add(caption));
        QCOMPARE(search(QStringLiteral("magenta")), QList<qint64>{});
        QCOMPARE(search(QStringLiteral("dry")), QList<qint64>{b});
        REQUIRE_OK(CaptionRepository(*m_catalog).makeCurrent(*first));
        QCOMPARE(search(QStringLiteral("magenta")), QList<qint64>{b});

        // Tags by full path, rename of a parent, removal.
        TagRepository tags(*m_catalog);
        auto lowKey = tags.ensurePath(QStringLiteral("Lighting/Low key"));
        REQUIRE_OK(lowKey);
        REQUIRE_OK(tags.tagShots(*lowKey, {a}));
        QCOMPARE(search(QStringLiteral("lighting")), QList<qint64>{a});
        QCOMPARE(search(QStringLiteral("\"low key\"")), QList<qint64>{a});
        QCOMPARE(search(QStringLiteral("tag:lighting")), QList<qint64>{a});
        QCOMPARE(search(QStringLiteral("tag:\"Lighting/Low key\"")), QList<qint64>{a});
        QCOMPARE(search(QStringLiteral("-tag:Lighting")), QList<qint64>{b});
        auto lighting = tags.findPath(QStringLiteral("Lighting"));
        REQUIRE_OK(lighting);
        QVERIFY(lighting->has_value());
        REQUIRE_OK(tags.rename(**lighting, QStringLiteral("Illumination")));
        QCOMPARE(search(QStringLiteral("illumination")), QList<qint64>{a});
        QCOMPARE(search(QStringLiteral("lighting")), QList<qint64>{});
        QCOMPARE(search(QStringLiteral("tag:Illumination/low-key")), QList<qint64>{a});
        REQUIRE_OK(tags.untagShots(*lowKey, {a}));
        QCOMPARE(search(QStringLiteral("illumination")), QList<qint64>{});

        // Photosets: membership, rename, removal of the set.
        PhotosetRepository sets(*m_catalog);
        Photoset set;
        set.name = QStringLiteral("Night walks");
        set.title = QStringLiteral("Walks after dark");
        auto setId = sets.create(set);
        REQUIRE_OK(setId);
        REQUIRE_OK(sets.addShots(*setId, {b}));
        QCOMPARE(search(QStringLiteral("walks")), QList<qint64>{b});
        QCOMPARE(search(QStringLiteral("photoset:\"Night walks\"")), QList<qint64>{b});
        QCOMPARE(search(QStringLiteral("photoset:#%1").arg(*setId)), QList<qint64>{b});
        QCOMPARE(search(QStringLiteral("-photoset:#%1").arg(*setId)), QList<qint64>{a});
        auto stored = sets.get(*setId);
        REQUIRE_OK(stored);
        stored->title = QStringLiteral("Nocturnes");
        REQUIRE_OK(sets.update(*stored));
        QCOMPARE(search(QStringLiteral("nocturnes")), QList<qint64>{b});
        QCOMPARE(search(QStringLiteral("dark")), QList<qint64>{});
        REQUIRE_OK(sets.remove(*setId));
        QCOMPARE(search(QStringLiteral("nocturnes")), QList<qint64>{});

        // A removed shot leaves the index.
        REQUIRE_OK(ShotRepository(*m_catalog).remove(a));
        QCOMPARE(search(QStringLiteral("harbour")), QList<qint64>{});
        REQUIRE_OK(SearchIndex::rebuild(*m_catalog));
        QCOMPARE(search(QStringLiteral("neon")), QList<qint64>{b});
    }

    void hostileInputs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("expected"); // indexes into the shots made by the test

        QTest::newRow("percent is literal") << "%" << QList<int>{};
        QTest::newRow("percent word") << "100%" << QList<int>{0, 5}; // 100 is the word; 5 has the tag "It's 100%"
        QTest::newRow("underscore") << "a_b" << QList<int>{1};
        QTest::newRow("single quote") << "o'brien" << QList<int>{2};
        QTest::newRow("sql injection") << "'; DROP TABLE shots; --" << QList<int>{3};
        QTest::newRow("quoted injection") << "\"DROP TABLE\"" << QList<int>{3};
        QTest::newRow("fts syntax") << "NEAR(a b) OR * ^x" << QList<int>{};
        QTest::newRow("fts column filter") << "\"doc:x\"" << QList<int>{};
        QTest::newRow("punctuation only") << "% ; '" << QList<int>{};
        QTest::newRow("tsquery syntax") << "a&b|!c:*" << QList<int>{};
        QTest::newRow("unicode") << "café" << QList<int>{4};
        QTest::newRow("unicode phrase") << "\"東京 夜\"" << QList<int>{4};
        QTest::newRow("tag with quote") << "tag:\"It's 100%\"" << QList<int>{5};
        QTest::newRow("tag injection") << "tag:\"x' OR '1'='1\"" << QList<int>{};
        QTest::newRow("photoset injection") << "photoset:\"'; DELETE FROM shots; --\"" << QList<int>{5};
        QTest::newRow("semicolon") << ";" << QList<int>{};
    }

    void hostileInputs()
    {
        QFETCH(QString, text);
        QFETCH(QList<int>, expected);
        QList<qint64> shots;
        shots << addShot(QStringLiteral("/p/one.jpg"), QStringLiteral("Gave 100% to it"));
        shots << addShot(QStringLiteral("/p/two.jpg"), QStringLiteral("a_b"));
        shots << addShot(QStringLiteral("/p/three.jpg"), QStringLiteral("Mr O'Brien"));
        shots << addShot(QStringLiteral("/p/four.jpg"), QStringLiteral("'; DROP TABLE shots; --"));
        shots << addShot(QStringLiteral("/p/five.jpg"), QStringLiteral("Café"), QStringLiteral("東京 夜 景"));
        shots << addShot(QStringLiteral("/p/six.jpg"));
        auto tag = TagRepository(*m_catalog).ensurePath(QStringLiteral("It's 100%"));
        REQUIRE_OK(tag);
        REQUIRE_OK(TagRepository(*m_catalog).tagShots(*tag, {shots.at(5)}));
        Photoset set;
        set.name = QStringLiteral("'; DELETE FROM shots; --");
        auto setId = PhotosetRepository(*m_catalog).create(set);
        REQUIRE_OK(setId);
        REQUIRE_OK(PhotosetRepository(*m_catalog).addShots(*setId, {shots.at(5)}));

        QList<qint64> want;
        for (int i : expected)
            want << shots.at(i);
        QCOMPARE(search(text), want);
        auto count = ShotRepository(*m_catalog).count();
        REQUIRE_OK(count);
        QCOMPARE(*count, 6); // nothing was dropped or deleted
    }

    // Facet counts, counts and keyset paging against a brute force over generated shots.
    void facetsAgainstBruteForce()
    {
        auto vocabulary = AttributeRepository(*m_catalog).all();
        REQUIRE_OK(vocabulary);
        QVERIFY(vocabulary->size() >= 3);
        const int shotCount = 3000;
        QList<Row> rows;
        QRandomGenerator random(4242);
        REQUIRE_OK(m_catalog->transaction([&](QSqlDatabase &db) -> Status {
            const qint64 now = sql::nowMs();
            for (int i = 0; i < shotCount; ++i) {
                Row row;
                row.rating = random.bounded(6);
                row.flag = random.bounded(3) - 1;
                row.label = random.bounded(6);
                auto id = sql::insert(db,
                                      QStringLiteral("INSERT INTO shots (path, rating, flag, color_label, imported_ms, "
                                                     "updated_ms) VALUES (?, ?, ?, ?, ?, ?)"),
                                      {QStringLiteral("/gen/%1.jpg").arg(i), row.rating, row.flag, row.label, now, now});
                if (!id)
                    return id.error();
                row.id = *id;
                for (const Attribute &attribute : *vocabulary) {
                    const int n = attribute.multiValued ? random.bounded(3) : random.bounded(2);
                    for (int k = 0; k < n; ++k) {
                        // Skewed towards the first options so that counts differ.
                        const int pick = int(random.bounded(attribute.options.size()) * random.generateDouble());
                        const AttributeOption &option = attribute.options.at(pick);
                        if (row.values[attribute.key].contains(option.value))
                            continue;
                        row.values[attribute.key].insert(option.value);
                        if (auto done = sql::exec(db, QStringLiteral("INSERT INTO shot_attributes (shot_id, option_id) "
                                                                     "VALUES (?, ?)"),
                                                  {row.id, option.id});
                            !done)
                            return done;
                    }
                }
                rows.append(row);
            }
            return {};
        }));

        const Attribute &a0 = vocabulary->at(0);
        const Attribute &a1 = vocabulary->at(1);
        const Attribute &a2 = vocabulary->at(2);
        const QStringList queries = {
            QString(),
            QStringLiteral("rating>=3"),
            a0.key + u':' + a0.options.at(0).value,
            a0.key + u':' + a0.options.at(0).value + u' ' + a0.key + u':' + a0.options.at(1).value + u' ' + a1.key
                + u':' + a1.options.at(0).value,
            a0.key + u':' + a0.options.at(0).value + u' ' + a1.key + u':' + a1.options.at(0).value + u' ' + a2.key
                + u':' + a2.options.at(0).value,
            QStringLiteral("flag:pick label:red label:blue rating<4 ") + a2.key + u':' + a2.options.at(1).value,
            QStringLiteral("-flag:reject rating=5"),
            // One set alone, of two values a shot can both have (colour is multi-valued): no duplicates.
            a0.key + u':' + a0.options.at(0).value + u' ' + a0.key + u':' + a0.options.at(1).value,
            // Exclusions: alone, beside a chosen value of the same attribute, and of two values.
            u'-' + a0.key + u':' + a0.options.at(0).value,
            a0.key + u':' + a0.options.at(1).value + u" -" + a0.key + u':' + a0.options.at(0).value + u' ' + a1.key
                + u':' + a1.options.at(0).value,
            u'-' + a1.key + u':' + a1.options.at(0).value + u" -" + a1.key + u':' + a1.options.at(1).value
                + u" rating>=2 -" + a2.key + u':' + a2.options.at(0).value,
        };

        // Whether a generated row matches the query, ignoring the facet `skip`'s own condition.
        auto matches = [](const Row &row, const ShotQuery &query, const QString &skip) {
            if (skip != u"rating" && (row.rating < query.ratingMin || row.rating > query.ratingMax))
                return false;
            if (skip != u"flag" && query.flags && !query.flags->contains(row.flag))
                return false;
            if (skip != u"label" && query.colorLabels && !query.colorLabels->contains(row.label))
                return false;
            for (auto it = query.attributes.cbegin(); it != query.attributes.cend(); ++it) {
                if (it.key() == skip)
                    continue;
                bool any = false;
                for (const QString &v : it.value())
                    any = any || row.values.value(it.key()).contains(v);
                if (!any)
                    return false;
            }
            for (auto it = query.excludedAttributes.cbegin(); it != query.excludedAttributes.cend(); ++it) {
                if (it.key() == skip)
                    continue;
                for (const QString &v : it.value()) {
                    if (row.values.value(it.key()).contains(v))
                        return false;
                }
            }
            return true;
        };

        for (const QString &text : queries) {
            auto query = QueryParser::parse(text, *vocabulary);
            REQUIRE_OK(query);

            QList<qint64> expectedIds;
            for (const Row &row : std::as_const(rows)) {
                if (matches(row, *query, {}))
                    expectedIds.append(row.id);
            }
            auto count = SearchIndex::count(*m_catalog, *query);
            REQUIRE_OK(count);
            QCOMPARE(*count, qint64(expectedIds.size()));

            // Keyset paging with an odd page size: every id exactly once, in order.
            QList<qint64> paged;
            qint64 after = 0;
            while (true) {
                auto page = SearchIndex::page(*m_catalog, *query, after, 97);
                REQUIRE_OK(page);
                if (page->isEmpty())
                    break;
                paged.append(*page);
                after = page->constLast();
            }
            QCOMPARE(paged, expectedIds);

            auto facets = Facets::compute(*m_catalog, *query);
            REQUIRE_OK(facets);
            int checked = 0;
            for (const FacetCount &facet : std::as_const(*facets)) {
                qint64 expected = 0;
                for (const Row &row : std::as_const(rows)) {
                    if (!matches(row, *query, facet.facet))
                        continue;
                    if (facet.facet == u"rating")
                        expected += QString::number(row.rating) == facet.value;
                    else if (facet.facet == u"flag")
                        expected += ShotQuery::flagName(row.flag) == facet.value;
                    else if (facet.facet == u"label")
                        expected += ShotQuery::colorLabelNames().at(row.label) == facet.value;
                    else
                        expected += row.values.value(facet.facet).contains(facet.value);
                }
                if (facet.count != expected)
                    QFAIL(qPrintable(QStringLiteral("query \"%1\": %2=%3 counted %4, brute force %5")
                                         .arg(text, facet.facet, facet.value)
                                         .arg(facet.count)
                                         .arg(expected)));
                ++checked;
            }
            QVERIFY(checked > 20);
        }
    }

    // Schema 6 copies each shot's rating, flag, colour label and status onto its tag, attribute and
    // photoset links, and a page reads them there. Every way of writing either side must keep the
    // copies right: links made before and after the edits, batch and single-row writers, a status
    // changed by plain SQL. The pages are compared with a model of what was written.
    void linkCopiesFollowTheShots()
    {
        auto vocabulary = AttributeRepository(*m_catalog).all();
        REQUIRE_OK(vocabulary);
        QVERIFY(!vocabulary->isEmpty());
        const Attribute &attribute = vocabulary->constFirst();
        const QString option = attribute.options.constFirst().value;

        struct Model {
            qint64 id = 0;
            int rating = 0;
            int flag = 0;
            int label = 0;
            QString status = QStringLiteral("ok");
            bool cat = false;
            bool dog = false;
            bool inSet = false;
            bool hasValue = false;
        };
        QList<Model> shots;
        for (int i = 0; i < 150; ++i) {
            Model m;
            m.id = addShot(QStringLiteral("/links/%1.jpg").arg(i));
            QVERIFY(m.id > 0);
            shots.append(m);
        }
        auto ids = [&](const std::function<bool(int)> &pick) {
            QList<qint64> result;
            for (int i = 0; i < shots.size(); ++i) {
                if (pick(i))
                    result.append(shots.at(i).id);
            }
            return result;
        };
        auto apply = [&](const std::function<bool(int)> &pick, const std::function<void(Model &)> &change) {
            for (int i = 0; i < shots.size(); ++i) {
                if (pick(i))
                    change(shots[i]);
            }
        };

        Curator curator(*m_catalog);
        curator.setWriteSidecars(false);
        TagRepository tags(*m_catalog);
        PhotosetRepository photosets(*m_catalog);
        AttributeRepository attributes(*m_catalog);
        Photoset set;
        set.name = QStringLiteral("Alpha");
        auto setId = photosets.create(set);
        REQUIRE_OK(setId);
        auto dogId = tags.ensurePath(QStringLiteral("Pets/Dog"));
        REQUIRE_OK(dogId);

        // Links made before any edit, by a batch writer (Curator) and by single-row writers.
        auto links = [&](const std::function<bool(int)> &pick) -> Status {
            if (auto tagged = curator.tag(ids([&](int i) { return pick(i) && i % 2 == 0; }), {QStringLiteral("Pets/Cat")}, {});
                !tagged)
                return tagged.error();
            apply([&](int i) { return pick(i) && i % 2 == 0; }, [](Model &m) { m.cat = true; });
            if (auto tagged = tags.tagShots(*dogId, ids([&](int i) { return pick(i) && i % 5 == 0; })); !tagged)
                return tagged;
            apply([&](int i) { return pick(i) && i % 5 == 0; }, [](Model &m) { m.dog = true; });
            if (auto added = photosets.addShots(*setId, ids([&](int i) { return pick(i) && i % 3 == 0; })); !added)
                return added.error();
            apply([&](int i) { return pick(i) && i % 3 == 0; }, [](Model &m) { m.inSet = true; });
            for (qint64 id : ids([&](int i) { return pick(i) && i % 4 == 0; })) {
                if (auto set = attributes.setShotValues(id, attribute.key, {option}); !set)
                    return set;
            }
            apply([&](int i) { return pick(i) && i % 4 == 0; }, [](Model &m) { m.hasValue = true; });
            return {};
        };
        REQUIRE_OK(links([](int i) { return i < 100; }));

        // Edits of the shots, then links made after them (the last 50 shots).
        REQUIRE_OK(curator.rate(ids([](int i) { return i % 3 != 2; }), 4));
        apply([](int i) { return i % 3 != 2; }, [](Model &m) { m.rating = 4; });
        REQUIRE_OK(curator.rate(ids([](int i) { return i % 7 == 0; }), 5));
        apply([](int i) { return i % 7 == 0; }, [](Model &m) { m.rating = 5; });
        REQUIRE_OK(curator.flag(ids([](int i) { return i % 2 == 1 || i % 9 == 0; }), Shot::Flag::Picked));
        apply([](int i) { return i % 2 == 1 || i % 9 == 0; }, [](Model &m) { m.flag = 1; });
        REQUIRE_OK(curator.flag(ids([](int i) { return i % 11 == 0; }), Shot::Flag::Rejected));
        apply([](int i) { return i % 11 == 0; }, [](Model &m) { m.flag = -1; });
        REQUIRE_OK(curator.label(ids([](int i) { return i % 4 == 1 || i % 6 == 0; }), 1));
        apply([](int i) { return i % 4 == 1 || i % 6 == 0; }, [](Model &m) { m.label = 1; });
        {
            auto db = m_catalog->database();
            REQUIRE_OK(db);
            REQUIRE_OK(sql::exec(*db, QStringLiteral("UPDATE shots SET status = 'missing' WHERE id IN (%1)").arg(sql::idSetQuery(*db)),
                                 {sql::idSetValue(*db, ids([](int i) { return i % 8 < 3; }))}));
            apply([](int i) { return i % 8 < 3; }, [](Model &m) { m.status = QStringLiteral("missing"); });
        }
        REQUIRE_OK(links([](int i) { return i >= 100; }));
        // Undo of a rating (putBack) and a batch that changes nothing for some shots.
        REQUIRE_OK(curator.putBack(QStringLiteral("rating"), ids([](int i) { return i % 10 == 3; }), 2, 4));
        apply([](int i) { return i % 10 == 3; }, [](Model &m) {
            if (m.rating == 4)
                m.rating = 2;
        });

        {
            auto db = m_catalog->database();
            REQUIRE_OK(db);
            for (const QString &table : {QStringLiteral("shot_tags"), QStringLiteral("shot_attributes"),
                                         QStringLiteral("photoset_shots")}) {
                auto stale = sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM %1 x JOIN shots s ON s.id = x.shot_id "
                                                             "WHERE COALESCE(x.rating, -9) <> s.rating OR COALESCE(x.flag, -9) <> s.flag "
                                                             "OR COALESCE(x.color_label, -9) <> s.color_label "
                                                             "OR COALESCE(x.status, '') <> s.status")
                                                  .arg(table));
                REQUIRE_OK(stale);
                QVERIFY2(*stale == 0, qPrintable(table));
            }
        }

        const QString value = attribute.key + u':' + option;
        const QList<std::pair<QString, std::function<bool(const Model &)>>> cases = {
            {QStringLiteral("tag:Pets/Cat rating>=4"), [](const Model &m) { return m.cat && m.rating >= 4; }},
            {QStringLiteral("tag:Pets rating=5 flag:pick"), [](const Model &m) { return (m.cat || m.dog) && m.rating == 5 && m.flag == 1; }},
            {QStringLiteral("tag:Pets/Dog status:missing"), [](const Model &m) { return m.dog && m.status == u"missing"; }},
            {QStringLiteral("photoset:Alpha label:red"), [](const Model &m) { return m.inSet && m.label == 1; }},
            {QStringLiteral("photoset:#%1 rating<=2 -flag:reject").arg(*setId),
             [](const Model &m) { return m.inSet && m.rating <= 2 && m.flag != -1; }},
            {value + QStringLiteral(" flag:pick status:ok"), [](const Model &m) { return m.hasValue && m.flag == 1 && m.status == u"ok"; }},
            {QStringLiteral("tag:Pets/Cat tag:Pets/Dog rating>=1"), [](const Model &m) { return m.cat && m.dog && m.rating >= 1; }},
            {QStringLiteral("tag:Pets/Cat -tag:Pets/Dog flag:none label:none"),
             [](const Model &m) { return m.cat && !m.dog && m.flag == 0 && m.label == 0; }},
            {QStringLiteral("photoset:Alpha ") + value + QStringLiteral(" -flag:pick"),
             [](const Model &m) { return m.inSet && m.hasValue && m.flag != 1; }},
        };
        for (const auto &[text, wanted] : cases) {
            auto query = QueryParser::parse(text, *vocabulary);
            REQUIRE_OK(query);
            QList<qint64> expected;
            for (const Model &m : std::as_const(shots)) {
                if (wanted(m))
                    expected.append(m.id);
            }
            QList<qint64> paged;
            qint64 after = 0;
            while (true) {
                auto page = SearchIndex::page(*m_catalog, *query, after, 7);
                REQUIRE_OK(page);
                if (page->isEmpty())
                    break;
                paged.append(*page);
                after = page->constLast();
            }
            QVERIFY2(paged == expected, qPrintable(QStringLiteral("%1: %2 paged, %3 expected").arg(text).arg(paged.size()).arg(expected.size())));
            QVERIFY2(!expected.isEmpty(), qPrintable(text)); // each case selects something
            auto count = SearchIndex::count(*m_catalog, *query);
            REQUIRE_OK(count);
            QCOMPARE(*count, qint64(expected.size()));
        }
    }

    void migrationAddsSearchSchema()
    {
        QCOMPARE(m_catalog->schemaVersion(), Catalog::SchemaVersion);
        QVERIFY(Catalog::SchemaVersion >= 3);
        // Splitting keeps trigger and function bodies whole.
        for (auto dialect : {CatalogUrl::Dialect::Sqlite, CatalogUrl::Dialect::PostgreSql}) {
            for (const Migration &migration : Migrations::all()) {
                auto statements = Migrations::statements(migration, dialect);
                REQUIRE_OK(statements);
                for (const QString &statement : std::as_const(*statements)) {
                    if (statement.startsWith(u"CREATE TRIGGER") && dialect == CatalogUrl::Dialect::Sqlite)
                        QVERIFY2(statement.endsWith(u"END"), qPrintable(statement));
                    if (statement.startsWith(u"CREATE FUNCTION") || statement.startsWith(u"CREATE OR REPLACE FUNCTION"))
                        QVERIFY2(statement.endsWith(u"$$"), qPrintable(statement));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestQuery)
#include "tst_query.moc"
