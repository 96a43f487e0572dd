#pragma once

#include <QJsonObject>
#include <QString>

namespace stills {

// One version of a shot's caption. Every version is kept; exactly one per shot is current.
struct Caption {
    qint64 id = 0;
    qint64 shotId = 0;
    QString text;
    QString source;    // "manual" or the generator's name ("builtin", "openai", "torchscript")
    QString model;     // generator's model, empty for manual
    QString prompt;    // prompt used, empty for manual
    QJsonObject parameters;
    bool editedByHand = false;
    bool current = false;
    qint64 createdMs = 0;
};

} // namespace stills
